import type { JobSpec, RunResult, RunTask } from '../../../src/experiment/executor.js';

/** Messages between the page and a run worker of the pool. */
export type ToRunWorker =
  /** What every run of a batch shares; `disable` switches mechanisms off, as `--disable` does. */
  | { type: 'job'; job: JobSpec; disable: string[] }
  | { type: 'run'; task: RunTask };

export type FromRunWorker = { type: 'result'; result: RunResult } | { type: 'error'; message: string };
