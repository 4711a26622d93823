import type { JobSpec, RunResult, RunTask } from '../../../src/experiment/executor.js';
import type { FromRunWorker, ToRunWorker } from './protocol.js';

/** Workers the pool starts: the cores but one (the page and the live run need one), at least 2, at most 8. */
export function poolSize(): number {
  return Math.max(2, Math.min(8, (navigator.hardwareConcurrency || 2) - 1));
}

/**
 * A pool of Web Workers that run the tasks of one job, each worker taking the next task as it
 * finishes one. Results arrive in completion order; each carries its task's row and replicate,
 * so what is made of them never depends on the pool's size or timing.
 */
export class RunPool {
  private workers: Worker[] = [];
  private cancelled = false;
  /** Settles the running batch's waits when it is cancelled. */
  private release: (() => void)[] = [];

  constructor(readonly size = poolSize()) {}

  async run(job: JobSpec, disable: string[], tasks: readonly RunTask[], onResult: (r: RunResult) => void): Promise<void> {
    this.cancel();
    this.cancelled = false;
    const queue = [...tasks];
    const n = Math.min(this.size, queue.length);
    const workers = Array.from({ length: n }, () => new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module' }));
    this.workers = workers;
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              this.release.push(resolve);
              const next = () => {
                const task = this.cancelled ? undefined : queue.shift();
                if (!task) return resolve();
                w.postMessage({ type: 'run', task } satisfies ToRunWorker);
              };
              w.onmessage = (e: MessageEvent<FromRunWorker>) => {
                if (e.data.type === 'error') return reject(new Error(e.data.message));
                if (!this.cancelled) onResult(e.data.result);
                next();
              };
              w.onerror = (e) => reject(new Error(`a run worker failed: ${e.message}`));
              w.postMessage({ type: 'job', job, disable } satisfies ToRunWorker);
              next();
            }),
        ),
      );
    } finally {
      for (const w of workers) w.terminate();
      if (this.workers === workers) this.workers = [];
    }
  }

  /** Stops handing out tasks and ends the workers; the run's promise settles with what it had. */
  cancel(): void {
    this.cancelled = true;
    for (const w of this.workers) w.terminate();
    this.workers = [];
    for (const r of this.release) r();
    this.release = [];
  }
}
