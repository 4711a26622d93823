import type { JobSpec, RunResult, RunTask } from '../executor.js';
import { fromWire, toWire } from './wire.js';

/**
 * What one BullMQ job carries: the whole JobSpec (model id, scenario document, factor paths,
 * steps, outputs) and the task, so that a worker on any machine needs nothing else. A scenario is
 * a few kilobytes and the executor keeps only a window of jobs queued, so repeating it is cheap.
 */
export interface RunJobData {
  readonly job: unknown;
  readonly task: unknown;
}

/** The part of a RunResult that the worker computed; the rest is the submitter's own task. */
export type ComputedResult = Pick<RunResult, 'status' | 'error' | 'summaries' | 'steps' | 'elapsedMs' | 'series'>;

export function encodeJobData(job: JobSpec, task: RunTask): RunJobData {
  return { job: toWire(job), task: toWire(task) };
}

export function decodeJobData(data: RunJobData): { job: JobSpec; task: RunTask } {
  return { job: fromWire(data.job) as JobSpec, task: fromWire(data.task) as RunTask };
}

export function encodeComputed(result: RunResult): unknown {
  const { status, error, summaries, steps, elapsedMs, series } = result;
  return toWire({ status, error, summaries, steps, elapsedMs, series });
}

export function decodeComputed(value: unknown): ComputedResult {
  if (value === null || typeof value !== 'object' || !('status' in value)) throw new Error(`a worker returned no run result: ${JSON.stringify(value)}`);
  return fromWire(value) as ComputedResult;
}
