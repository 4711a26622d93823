import type { ColumnType } from '../engine/model.js';
import type { ParameterRow } from './design-rows.js';
import type { Summary } from './schema.js';

/**
 * The contract between the experiment runner and whatever runs the simulations: this thread,
 * local worker threads, or (later) a queue of remote workers. Everything here is plain data so
 * that it can cross a thread or a network boundary.
 */

/** One simulation: a design row, a replicate and the seed derived from both. */
export interface RunTask {
  readonly runId: string;
  readonly row: number;
  readonly replicate: number;
  readonly seed: number;
  /** Factor column name -> value. */
  readonly params: ParameterRow;
}

/** What every run of an experiment shares. */
export interface JobSpec {
  /** Registry id of the model; `module` (a file URL) is for models outside the registry, e.g. in tests. */
  readonly model: { readonly id: string; readonly module?: string };
  /** The scenario document with the experiment's `set` overrides applied. */
  readonly scenario: unknown;
  /** Factor column name -> scenario path. */
  readonly factorPaths: Readonly<Record<string, string>>;
  readonly steps: number;
  readonly summaries: readonly Summary[];
  /** Indicators kept per step, or null for no series. */
  readonly series: readonly string[] | null;
  readonly every: number;
}

/** The per-step series of one run, column-major in one buffer (cheap to send between threads). */
export interface SeriesBlock {
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];
  readonly steps: Int32Array;
  /** values[c * steps.length + i] is column c at steps[i]. */
  readonly values: Float64Array;
}

export interface RunResult {
  readonly runId: string;
  readonly row: number;
  readonly replicate: number;
  readonly seed: number;
  readonly params: ParameterRow;
  readonly status: 'ok' | 'failed';
  readonly error: string | null;
  /** In the order of JobSpec.summaries; null where a summary has no value. */
  readonly summaries: readonly (number | null)[];
  readonly steps: number;
  readonly elapsedMs: number;
  readonly series: SeriesBlock | null;
}

export interface Executor {
  /**
   * Runs the tasks, calling `onResult` once per task in completion order. The executor waits for
   * `onResult`'s promise before taking on more work, so a slow store throttles the runs instead of
   * letting results pile up in memory.
   */
  runBatch(tasks: Iterable<RunTask>, onResult: (result: RunResult) => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}
