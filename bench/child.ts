import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallSeconds: number;
  /** Peak resident set size of the child in bytes, from GNU time; null where that is absent. */
  readonly peakRssBytes: number | null;
}

export interface ChildOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';
let gnuTimeWorks: boolean | undefined;

/** True when /usr/bin/time is GNU time (BusyBox and BSD lack `-f %M -o`). */
export function hasGnuTime(): boolean {
  if (gnuTimeWorks === undefined) {
    const probe = spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
    gnuTimeWorks = probe.status === 0;
  }
  return gnuTimeWorks;
}

/**
 * Runs a command to completion and measures its peak memory from outside, so a model's
 * footprint is not mixed with the bench's own. Node children can also report
 * `process.resourceUsage().maxRSS` themselves, which works without GNU time.
 */
export async function runChild(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  const timeDir = hasGnuTime() ? mkdtempSync(join(tmpdir(), 'powderkeg-time-')) : null;
  const timeFile = timeDir ? join(timeDir, 'rss') : null;
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  try {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
      child.on('error', reject);
      child.on('close', (c) => {
        if (timer) clearTimeout(timer);
        resolve({ code: c, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
    const wallSeconds = (performance.now() - started) / 1000;
    let peakRssBytes: number | null = null;
    if (timeFile) {
      // GNU time writes "Command exited with non-zero status" before the figure on failure.
      const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
      const kib = Number(lines[lines.length - 1]);
      if (Number.isFinite(kib)) peakRssBytes = kib * 1024;
    }
    return { code, stdout, stderr, wallSeconds, peakRssBytes };
  } finally {
    if (timeDir) rmSync(timeDir, { recursive: true, force: true });
  }
}

/** The last line of a child's stdout parsed as JSON: children print their result that way. */
export function lastJsonLine<T>(result: ChildResult, what: string): T {
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]) as T;
  } catch {
    throw new Error(`${what} printed no JSON result: ${result.stdout.slice(-500)}`);
  }
}
