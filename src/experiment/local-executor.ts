import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Executor, JobSpec, RunResult, RunTask } from './executor.js';

/**
 * Piscina needs a JavaScript file. From the compiled package the worker sits next to this
 * module; from the TypeScript sources (tests) it is the compiled copy under dist/.
 */
export function workerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, 'worker.js');
  if (existsSync(sibling)) return sibling;
  const compiled = resolve(here, '../../dist/src/experiment/worker.js');
  if (existsSync(compiled)) return compiled;
  throw new Error(`the experiment worker is not built: run "npm run build" (looked for ${sibling} and ${compiled})`);
}

export interface LocalExecutorOptions {
  /** Worker threads (default: available cores). */
  workers?: number;
  /** Tasks in flight per worker: enough to keep workers busy, few enough to keep memory flat. */
  queuePerWorker?: number;
}

/** Runs tasks on local worker threads. Results arrive in completion order, which may vary. */
export class LocalExecutor implements Executor {
  private readonly pool: Piscina;
  private readonly window: number;

  constructor(job: JobSpec, options: LocalExecutorOptions = {}) {
    const workers = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
    this.pool = new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, workerData: job, idleTimeout: 60_000 });
    this.window = workers * Math.max(1, options.queuePerWorker ?? 2);
  }

  async runBatch(tasks: Iterable<RunTask>, onResult: (result: RunResult) => void | Promise<void>): Promise<void> {
    const iterator = tasks[Symbol.iterator]();
    let failure: unknown;
    // Results are handed on one at a time, in arrival order, each after the previous one is stored.
    let delivered: Promise<void> = Promise.resolve();
    const inFlight = new Set<Promise<void>>();
    const launch = (): boolean => {
      const next = iterator.next();
      if (next.done) return false;
      const task = next.value;
      const p: Promise<void> = this.pool
        .run(task)
        // A worker that dies (out of memory, a native crash) fails its run, not the experiment.
        .then((result: RunResult) => result, (err: unknown) => lostRun(task, err))
        .then((result: RunResult) => {
          delivered = delivered.then(() => onResult(result));
          return delivered;
        })
        .catch((err) => {
          failure ??= err;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      return true;
    };
    while (failure === undefined) {
      while (inFlight.size < this.window && launch());
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    await Promise.allSettled(inFlight);
    await delivered.catch(() => undefined);
    if (failure !== undefined) throw failure;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

function lostRun(task: RunTask, err: unknown): RunResult {
  return {
    ...task,
    status: 'failed',
    error: `worker lost: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    summaries: [],
    steps: 0,
    elapsedMs: 0,
    series: null,
  };
}
