import { workerData } from 'piscina';
import type { ModelDefinition } from '../models/types.js';
import type { JobSpec, RunResult, RunTask } from './executor.js';
import { resolveModel } from './resolve-model.js';
import { executeRun } from './run-task.js';

/**
 * Piscina worker: the job (scenario, outputs) arrives once as workerData; each task is only a row,
 * a replicate, a seed and the parameters, so messages stay small.
 */
const job = workerData as JobSpec;
let model: Promise<ModelDefinition> | undefined;

export default async function run(task: RunTask): Promise<RunResult> {
  model ??= resolveModel(job.model);
  return executeRun(job, await model, task);
}
