import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { parse as parseYaml } from 'yaml';
import { deriveSeed } from '../../src/engine/random.js';
import type { Executor, JobSpec, RunResult, RunTask } from '../../src/experiment/executor.js';
import { RedisExecutor } from '../../src/experiment/distributed/redis-executor.js';
import { LocalExecutor, workerFile } from '../../src/experiment/local-executor.js';
import { getModel } from '../../src/models/registry.js';
import type { BenchContext, Section } from '../section.js';
import { median } from '../stats.js';
import { unavailable, type Table, type Value } from '../table.js';

const TITLE = 'Experiment throughput through Redis: Epstein Run 2 (40x40) on 1, 2 and 4 powderkeg worker processes, beside local threads';
const MODEL_ID = 'civil-violence';
/** Issue 11: two worker processes give at least 1.9 times the runs per second of one. */
const TARGET_SPEEDUP = 1.9;
const COUNTS = [1, 2, 4] as const;

function tasks(count: number, first: number): RunTask[] {
  return Array.from({ length: count }, (_, i) => {
    const row = first + i;
    return { runId: `bench-${row}-0-x`, row, replicate: 0, seed: deriveSeed(7, row, 0), params: {} };
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves once a line of its stdout passes `ready`. */
function startChild(command: string, args: string[], cwd: string, ready: (line: string) => boolean, what: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not start within 60 s`));
    }, 60_000);
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      text += s;
      if (text.split('\n').some(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    });
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Runs per second of `count` runs after one warm-up run per worker; keeps each run's summaries for the comparison. */
async function measure(executor: Executor, warmup: number, count: number, first: number, seen: Map<string, string>, joined: () => Promise<void> = async () => undefined): Promise<number> {
  const record = (r: RunResult) => {
    if (r.status !== 'ok') throw new Error(`a benchmark run failed: ${r.error}`);
    seen.set(r.runId, JSON.stringify(r.summaries));
  };
  await executor.runBatch(tasks(warmup, 0), record);
  await joined();
  const started = performance.now();
  await executor.runBatch(tasks(count, first), record);
  return count / ((performance.now() - started) / 1000);
}

export const redisScalingSection: Section = {
  name: 'redis-scaling',
  async run(ctx: BenchContext): Promise<Table> {
    if (!getModel(MODEL_ID)) return unavailable(TITLE, `model "${MODEL_ID}" is not in src/models/registry.ts`);
    if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) return unavailable(TITLE, 'redis-server is not installed (apt-get install redis-server)');
    try {
      workerFile();
    } catch (err) {
      return unavailable(TITLE, (err as Error).message);
    }
    const document = parseYaml(readFileSync(join(ctx.root, 'scenarios', 'epstein', 'run2.yaml'), 'utf8')) as unknown;
    const steps = ctx.quick ? 50 : 1000;
    const count = ctx.quick ? 8 : 32;
    const summaries = [{ name: 'mean_active', stat: 'mean', indicator: 'active' }, { name: 'mean_jailed', stat: 'mean', indicator: 'jailed' }] as JobSpec['summaries'];
    const job: JobSpec = { model: { id: MODEL_ID }, scenario: document, factorPaths: {}, steps, summaries, series: null, every: 1 };
    // One-step runs: what Redis and the queue cost per run, the ceiling whatever the workers.
    const tiny: JobSpec = { ...job, steps: 1, summaries: [] };
    const tinyCount = ctx.quick ? 40 : 400;
    const load = loadavg()[0];
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const redis = await startChild('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], ctx.tmpDir, (l) => l.includes('Ready to accept connections'), 'redis-server');
    const workers: ChildProcess[] = [];
    const bin = join(ctx.root, 'bin', 'powderkeg.js');
    /** Workers find a new queue by polling the registry every second: wait until `n` listen to it. */
    const joined = (name: string, n: number) => async () => {
      const q = new Queue(name, { connection: { url } });
      try {
        const end = Date.now() + 30_000;
        while ((await q.getWorkersCount()) < n && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await q.close();
      }
    };
    const ensureWorkers = async (n: number) => {
      while (workers.length > n) await stop(workers.pop()!, 'SIGTERM');
      const more = Array.from({ length: n - workers.length }, () =>
        startChild(process.execPath, [bin, 'worker', '--redis', url, '--concurrency', '1', '--json'], ctx.root, (l) => l.includes('"ready"'), 'powderkeg worker'),
      );
      workers.push(...(await Promise.all(more)));
    };
    const redisResults = new Map<string, string>();
    const localResults = new Map<string, string>();
    const speeds = { redis: new Map<number, number[]>(), local: new Map<number, number[]>() };
    let ceiling = NaN;
    let queue = 0;
    try {
      for (let round = 0; round < ctx.rounds; round++) {
        for (const n of round % 2 === 0 ? COUNTS : [...COUNTS].reverse()) {
          ctx.log(`redis scaling: ${n} worker process(es) and ${n} local thread(s), round ${round + 1}/${ctx.rounds}`);
          await ensureWorkers(n);
          // A fresh queue per measurement, so that no result is reused from the one before.
          const name = `powderkeg-bench-${process.pid}-${queue++}`;
          const remote = new RedisExecutor(job, { url, queue: name, window: 4 * n });
          try {
            speeds.redis.set(n, [...(speeds.redis.get(n) ?? []), await measure(remote, n, count, 1000, redisResults, joined(name, n))]);
          } finally {
            await remote.close();
          }
          const local = new LocalExecutor(job, { workers: n });
          try {
            speeds.local.set(n, [...(speeds.local.get(n) ?? []), await measure(local, n, count, 1000, localResults)]);
          } finally {
            await local.close();
          }
        }
      }
      ctx.log('redis scaling: the per-run ceiling, 1-step runs on 4 worker processes');
      await ensureWorkers(4);
      const tinyQueue = `powderkeg-bench-${process.pid}-tiny`;
      const remote = new RedisExecutor(tiny, { url, queue: tinyQueue, window: 64 });
      try {
        ceiling = await measure(remote, 4, tinyCount, 100_000, new Map(), joined(tinyQueue, 4));
      } finally {
        await remote.close();
      }
    } finally {
      await Promise.all(workers.map((w) => stop(w, 'SIGKILL')));
      await stop(redis, 'SIGKILL');
    }
    const differing = [...localResults].filter(([id, s]) => redisResults.get(id) !== s).length;
    const rate = (kind: 'redis' | 'local', n: number) => median(speeds[kind].get(n) ?? []);
    const one = rate('redis', 1);
    const oneLocal = rate('local', 1);
    const row = (n: number): Record<string, Value> => ({
      workers: n,
      runs: count,
      steps,
      redis: rate('redis', n),
      redisSpeedup: rate('redis', n) / one,
      local: rate('local', n),
      localSpeedup: rate('local', n) / oneLocal,
      overhead: rate('redis', n) / rate('local', n),
    });
    const x = (v: Value) => (typeof v === 'number' ? `${v.toFixed(2)}x` : String(v));
    const f = (v: Value) => (typeof v === 'number' ? v.toFixed(2) : String(v));
    return {
      title: TITLE,
      columns: [
        { key: 'workers', label: 'workers' },
        { key: 'runs', label: 'runs' },
        { key: 'steps', label: 'steps/run' },
        { key: 'redis', label: 'Redis runs/s', format: f },
        { key: 'redisSpeedup', label: 'Redis speed-up', format: x },
        { key: 'local', label: 'local runs/s', format: f },
        { key: 'localSpeedup', label: 'local speed-up', format: x },
        { key: 'overhead', label: 'Redis / local', format: x },
      ],
      rows: COUNTS.map(row),
      checks: [
        { name: 'Redis: 2 worker processes vs 1', target: `>= ${TARGET_SPEEDUP}x`, measured: `${(rate('redis', 2) / one).toFixed(2)}x`, pass: rate('redis', 2) / one >= TARGET_SPEEDUP },
        { name: 'same results through Redis as on local threads', target: '0 runs differ', measured: `${differing} of ${localResults.size} differ`, pass: differing === 0 && localResults.size > 0 },
      ],
      notes: [
        `median of ${ctx.rounds} rounds (worker counts up, then down, alternately); each measurement warmed by one run per worker; one thread per worker process (--concurrency 1)`,
        `ceiling of the queue on loopback: ${ceiling.toFixed(0)} runs/s of 1-step runs on 4 worker processes (what Redis and BullMQ cost per run)`,
        `load average ${load.toFixed(2)} on ${availableParallelism()} cores when the section started: 4 workers cannot beat 2 on 2 cores, and other busy processes cap every speed-up`,
      ],
    };
  },
};
