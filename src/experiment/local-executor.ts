import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Executor, JobSpec, RunResult, RunTask } from './executor.js';
import { runWindowed } from './windowed.js';

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
    await runWindowed(
      tasks,
      this.window,
      // A worker that dies (out of memory, a native crash) fails its run, not the experiment.
      (task) => this.pool.run(task).then((result: RunResult) => result, (err: unknown) => lostRun(task, err)),
      onResult,
    );
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
