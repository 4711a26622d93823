import type { ModelDefinition } from '../../models/types.js';
import type { RunResult } from '../executor.js';
import { resolveModel } from '../resolve-model.js';
import { executeRun } from '../run-task.js';
import { decodeJobData, type RunJobData } from './job-data.js';

/**
 * Piscina thread of `powderkeg worker`: runs one queued job. Simulations run here, not on the
 * worker's main thread, so that the main thread keeps renewing BullMQ's job locks during a long run.
 */
const models = new Map<string, Promise<ModelDefinition>>();

export default async function run(data: RunJobData): Promise<RunResult> {
  const { job, task } = decodeJobData(data);
  const key = JSON.stringify(job.model);
  let model = models.get(key);
  if (!model) {
    model = resolveModel(job.model);
    models.set(key, model);
  }
  return executeRun(job, await model, task);
}
