import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildResult {
  readonly code: number | null;
  /** Set when the child was killed for running past `timeoutMs`. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallSeconds: number;
  /** Peak resident set size of the child in bytes, from GNU time; null where that is absent. */
  readonly peakRssBytes: number | null;
  /** User + system CPU seconds of the child, from GNU time; null where that is absent. */
  readonly cpuSeconds: number | null;
}

export interface ChildOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';
let gnuTimeWorks: boolean | undefined;

/*
 * Children run in process groups of their own, so that a timeout kills the measured program and
 * not only the GNU time wrapper around it. Being outside the terminal's group they would miss a
 * Ctrl-C, so the bench kills whatever is left when it exits or is interrupted.
 */
const running = new Set<number>();
let cleanupInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => running.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.forEach(killGroup);
      process.exit(130);
    });
  }
}

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
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  try {
    installCleanup();
    const { code, stdout, stderr, timedOut } = await new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((resolve, reject) => {
      const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const pid = child.pid;
      if (pid !== undefined) running.add(pid);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      let killed = false;
      const timer =
        options.timeoutMs && pid !== undefined
          ? setTimeout(() => {
              killed = true;
              killGroup(pid);
            }, options.timeoutMs)
          : undefined;
      child.on('error', reject);
      child.on('close', (c) => {
        if (timer) clearTimeout(timer);
        if (pid !== undefined) running.delete(pid);
        resolve({ code: c, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut: killed });
      });
    });
    const wallSeconds = (performance.now() - started) / 1000;
    let peakRssBytes: number | null = null;
    let cpuSeconds: number | null = null;
    if (timeFile && !timedOut && existsSync(timeFile)) {
      // GNU time writes "Command exited with non-zero status" before the figures on failure.
      const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
      const [kib, user, system] = lines[lines.length - 1].split(' ').map(Number);
      if (Number.isFinite(kib)) peakRssBytes = kib * 1024;
      if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
    }
    return { code, timedOut, stdout, stderr, wallSeconds, peakRssBytes, cpuSeconds };
  } finally {
    if (timeDir) rmSync(timeDir, { recursive: true, force: true });
  }
}

/** The last line of a child's stdout parsed as JSON: children print their result that way. */
export function lastJsonLine<T>(result: ChildResult, what: string): T {
  if (result.timedOut) throw new Error(`${what} was stopped after running for ${result.wallSeconds.toFixed(0)} s`);
  if (result.code !== 0) throw new Error(`${what} exited with ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`);
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]) as T;
  } catch {
    throw new Error(`${what} printed no JSON result: ${result.stdout.slice(-500)}`);
  }
}
