import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import toy from './fixtures/toy-model.mjs';
import type { Executor, JobSpec } from '../../src/experiment/executor.js';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment, type RunExperimentOptions } from '../../src/experiment/runner.js';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const toyModule = { id: 'toy', module: pathToFileURL(join(fixtures, 'toy-model.mjs')).href };
export { toy };

export function tempDir(prefix = 'pk-exp-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function loadToy(file: string) {
  return loadExperiment(file, { models: [toy] });
}

/** Runs an experiment on the calling thread with the toy model. */
export function runToy(file: string, db: string, extra: Partial<RunExperimentOptions> = {}) {
  return runExperiment(loadToy(file), { db, executor: (job) => new InlineExecutor(job), model: toyModule, ...extra });
}

/** An executor that stops the experiment (as a crash would) after `limit` results have been handed over. */
export function crashingAfter(limit: number) {
  return (job: JobSpec): Executor => {
    const inner = new InlineExecutor(job);
    let seen = 0;
    return {
      runBatch: (tasks, onResult) =>
        inner.runBatch(tasks, async (r) => {
          if (++seen > limit) throw new Error('simulated crash');
          await onResult(r);
        }),
      close: () => inner.close(),
    };
  };
}
