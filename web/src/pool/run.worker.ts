import type { JobSpec } from '../../../src/experiment/executor.js';
import { executeRun } from '../../../src/experiment/run-task.js';
import { getModel } from '../../../src/models/registry.js';
import type { ModelDefinition } from '../../../src/models/types.js';
import type { FromRunWorker, ToRunWorker } from './protocol.js';

/**
 * One worker of the pool: runs whole simulations with the experiment layer's own `executeRun`,
 * the code every `powderkeg experiment` run goes through, so a run here is that run.
 */

interface WorkerScope {
  postMessage(message: FromRunWorker, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToRunWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let job: JobSpec | undefined;
let model: ModelDefinition | undefined;

scope.onmessage = async (event: MessageEvent<ToRunWorker>) => {
  const msg = event.data;
  try {
    if (msg.type === 'job') {
      job = msg.job;
      const found = getModel(msg.job.model.id);
      if (!found) throw new Error(`no model "${msg.job.model.id}"`);
      const disable = msg.disable;
      model = disable.length === 0 ? found : { ...found, create: (s, seed, options) => found.create(s, seed, { ...options, disable }) };
      return;
    }
    if (!job || !model) throw new Error('a run came before its job');
    const result = await executeRun(job, model, msg.task);
    const transfer = result.series ? [result.series.steps.buffer, result.series.values.buffer] : [];
    scope.postMessage({ type: 'result', result }, transfer);
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }, []);
  }
};
