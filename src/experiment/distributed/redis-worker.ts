import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type Job } from 'bullmq';
import { Piscina } from 'piscina';
import type { RunResult } from '../executor.js';
import { POWDERKEG_VERSION } from '../version.js';
import { encodeComputed, type RunJobData } from './job-data.js';
import { FINISHED_PREFIX, QUEUE_PREFIX, QUEUE_REGISTRY, connectionOptions, openRedis, reachRedis } from './redis-connection.js';

export interface RedisWorkerOptions {
  readonly url: string;
  /** Runs at once (one thread each). */
  readonly concurrency: number;
  /** Stop after this long with nothing to do; default: run until stopped. */
  readonly idleTimeoutMs?: number;
  /**
   * How long a job stays claimed without a sign of life from its worker; a worker that dies loses
   * its runs to the others after at most twice this. Default 30 s, BullMQ's own.
   */
  readonly lockMs?: number;
  /** How often the queue registry is read to find new experiments. */
  readonly pollMs?: number;
  /** How long a queue must be missing from the registry before the worker leaves it (default 5 s). */
  readonly leaveAfterMs?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { readonly event: 'ready'; readonly concurrency: number }
  | { readonly event: 'queue'; readonly queue: string; readonly action: 'start' | 'stop' }
  /** Submitted by another powderkeg version, whose runs could differ: left to workers of that version. */
  | { readonly event: 'skip'; readonly queue: string; readonly version: string; readonly workerVersion: string }
  /** A run claimed by a worker that stopped answering (killed, lost its network) goes back on the queue. */
  | { readonly event: 'stalled'; readonly queue: string; readonly runId: string }
  | { readonly event: 'run'; readonly queue: string; readonly runId: string; readonly status: RunResult['status']; readonly error: string | null; readonly ms: number }
  | { readonly event: 'stopped'; readonly runs: number; readonly failed: number; readonly reason: 'signal' | 'idle' | 'stop' };

export interface RunningWorker {
  /** Finishes the runs in hand, then closes everything. */
  stop(reason?: 'signal' | 'stop'): Promise<void>;
  readonly stopped: Promise<{ runs: number; failed: number }>;
}

/** The compiled thread file: next to this module in the package, under dist/ from the sources. */
export function threadFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'thread.js');
  if (existsSync(sibling)) return sibling;
  const compiled = resolve(here, '../../../dist/src/experiment/distributed/thread.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`the distributed worker is not built: run "npm run build" (looked for ${sibling} and ${compiled})`);
}

/**
 * Consumes every experiment queue listed in the registry. Each run is seeded from its own task,
 * so a result does not depend on which worker, machine or thread ran it.
 */
export async function startRedisWorker(options: RedisWorkerOptions): Promise<RunningWorker> {
  await reachRedis(options.url);
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const lockMs = options.lockMs ?? 30_000;
  const emit = options.onEvent ?? (() => undefined);
  const pool = new Piscina({ filename: threadFile(), minThreads: concurrency, maxThreads: concurrency, idleTimeout: 60_000 });
  const registry = openRedis(options.url);
  const workers = new Map<string, Worker<RunJobData>>();
  const skipped = new Set<string>();
  const missingSince = new Map<string, number>();
  const leaveAfterMs = options.leaveAfterMs ?? 5000;
  const counts = { runs: 0, failed: 0, active: 0 };
  let lastBusy = Date.now();
  let stopping: Promise<void> | undefined;
  let resolveStopped!: (v: { runs: number; failed: number }) => void;
  const stopped = new Promise<{ runs: number; failed: number }>((r) => (resolveStopped = r));

  const runJob = async (queue: string, job: Job<RunJobData>): Promise<unknown> => {
    counts.active++;
    try {
      const result = (await pool.run(job.data)) as RunResult;
      counts.runs++;
      if (result.status === 'failed') counts.failed++;
      emit({ event: 'run', queue, runId: result.runId, status: result.status, error: result.error, ms: Math.round(result.elapsedMs) });
      return encodeComputed(result);
    } finally {
      counts.active--;
      lastBusy = Date.now();
    }
  };

  const startQueue = (name: string) => {
    const worker = new Worker<RunJobData>(name, (job) => runJob(name, job), {
      connection: connectionOptions(options.url),
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: 1,
    });
    // Connection trouble is retried by BullMQ; a thread that dies fails only its job.
    worker.on('error', () => undefined);
    worker.on('stalled', (runId) => emit({ event: 'stalled', queue: name, runId }));
    workers.set(name, worker);
    emit({ event: 'queue', queue: name, action: 'start' });
  };

  const stopQueue = async (name: string) => {
    const worker = workers.get(name);
    workers.delete(name);
    await worker?.close();
    emit({ event: 'queue', queue: name, action: 'stop' });
  };

  const poll = async () => {
    const registered = Object.entries(await registry.hgetall(QUEUE_REGISTRY)).filter(([n]) => n.startsWith(QUEUE_PREFIX));
    if (stopping) return;
    const listed = new Set<string>();
    for (const [name, version] of registered) {
      if (version === POWDERKEG_VERSION) listed.add(name);
      else if (!skipped.has(name)) {
        skipped.add(name);
        emit({ event: 'skip', queue: name, version, workerVersion: POWDERKEG_VERSION });
      }
    }
    for (const name of listed) {
      missingSince.delete(name);
      if (!workers.has(name)) startQueue(name);
    }
    // A queue that leaves the registry is finished, or Redis lost the registry (a restart
    // without its data) and its submitter will list it again within seconds: wait a little.
    const now = Date.now();
    for (const name of [...workers.keys()]) {
      if (listed.has(name)) continue;
      const since = missingSince.get(name) ?? now;
      missingSince.set(name, since);
      if (now - since >= leaveAfterMs || (await registry.exists(`${FINISHED_PREFIX}${name}`)) === 1) {
        missingSince.delete(name);
        await stopQueue(name);
      }
    }
    if (options.idleTimeoutMs !== undefined && counts.active === 0 && Date.now() - lastBusy >= options.idleTimeoutMs) void stop('idle');
  };

  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    poll()
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, options.pollMs ?? 1000);

  const stop = (reason: 'signal' | 'idle' | 'stop' = 'stop'): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(timer);
      await Promise.allSettled([...workers.keys()].map(stopQueue));
      await pool.destroy();
      registry.disconnect();
      emit({ event: 'stopped', runs: counts.runs, failed: counts.failed, reason });
      resolveStopped({ runs: counts.runs, failed: counts.failed });
    })();
    return stopping;
  };

  await poll();
  emit({ event: 'ready', concurrency });
  return { stop, stopped };
}
