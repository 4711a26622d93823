import type { ModelDefinition } from '../models/types.js';
import type { Executor, JobSpec, RunResult, RunTask } from './executor.js';
import { resolveModel } from './resolve-model.js';
import { executeRun } from './run-task.js';

/** Runs every task on the calling thread, one after the other: for tests and the browser. */
export class InlineExecutor implements Executor {
  private model: Promise<ModelDefinition> | undefined;
  constructor(private readonly job: JobSpec) {}

  async runBatch(tasks: Iterable<RunTask>, onResult: (result: RunResult) => void | Promise<void>): Promise<void> {
    this.model ??= resolveModel(this.job.model);
    const model = await this.model;
    for (const task of tasks) await onResult(await executeRun(this.job, model, task));
  }

  async close(): Promise<void> {}
}
