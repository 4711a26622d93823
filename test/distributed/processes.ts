import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../experiment/build.js';

const BIN = join(root, 'bin/powderkeg.js');

export const haveRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for a line of a child's stdout that satisfies `test`, or fails after `ms`. */
function waitForLine(child: ChildProcess, lines: string[], test: (line: string) => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (lines.some(test)) return resolve();
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}; output so far:\n${lines.join('\n')}`)), ms);
    const check = () => {
      if (!lines.some(test)) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve();
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!lines.some(test)) reject(new Error(`${what}: the process exited (${code}) first; output:\n${lines.join('\n')}`));
    });
  });
}

function collectLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8');
  // Registered first, so that later 'data' listeners see the lines already split.
  child.stdout?.prependListener('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  return lines;
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGKILL: as a crash, nothing saved on the way out). */
  stop(): Promise<void>;
  /** Starts it again on the same port: from its append-only file if it has one, unless `empty`. */
  start(options?: { empty?: boolean }): Promise<void>;
}

/**
 * A throwaway redis-server on a free loopback port (127.0.0.1 only). Nothing is written to disk,
 * unless `aofDir` is given: then every write goes to an append-only file there (fsync always), as
 * docs/distributed.md recommends for long campaigns, and a restart comes back with the data.
 */
export async function startRedisServer(options: { aofDir?: string } = {}): Promise<RedisServer> {
  const port = await freePort();
  const persistence = options.aofDir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.aofDir] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence];
  let child: ChildProcess | undefined;
  const start = async ({ empty = false } = {}) => {
    if (empty && options.aofDir) for (const f of readdirSync(options.aofDir)) rmSync(join(options.aofDir, f), { recursive: true, force: true });
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = collectLines(child);
    await waitForLine(child, lines, (l) => l.includes('Ready to accept connections'), 10_000, 'redis-server');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop: async () => {
      if (child) await stopChild(child, 'SIGKILL');
    },
  };
}

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Parsed --json events so far. */
  events(): { event: string; [k: string]: unknown }[];
  waitFor(test: (e: { event: string; [k: string]: unknown }) => boolean, ms: number, what: string): Promise<void>;
  readonly exited: Promise<number | null>;
}

export async function startWorker(url: string, extra: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--redis', url, '--concurrency', '1', '--json', ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = collectLines(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const events = () => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string });
  const worker: WorkerProcess = {
    child,
    events,
    exited,
    waitFor: (test, ms, what) => waitForLine(child, lines, (l) => l.startsWith('{') && test(JSON.parse(l)), ms, what),
  };
  // Loading the package takes a few seconds, tens on a busy machine; a worker that never gets ready is not left behind.
  await worker.waitFor((e) => e.event === 'ready', 60_000, 'the worker to start').catch(async (err: unknown) => {
    await stopChild(child, 'SIGKILL');
    throw err;
  });
  return worker;
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs the CLI without blocking the event loop, so the workers' output keeps flowing. */
export function startPowderkeg(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export function powderkeg(args: string[]) {
  return startPowderkeg(args).done;
}
