import { z } from 'zod';
import { Rng } from '../../src/engine/random.js';
import type { Cell, Column, SteppableModel } from '../../src/engine/model.js';
import type { ModelDefinition } from '../../src/models/types.js';
import type { Executor, JobSpec } from '../../src/experiment/executor.js';
import { executeRun } from '../../src/experiment/run-task.js';
import type { LoadedScenario } from '../../src/scenario/load.js';

/**
 * A weekly model whose ensemble is known by hand: `level` at step s is 10 s + k with k = 0 or 1
 * drawn once per run, and `constant` is always 100. So every ensemble has two values only.
 */
const schema = z.strictObject({ model: z.literal('weekly'), t0: z.string().default('2022-01-03') });
type Weekly = z.output<typeof schema>;

class WeeklyRun implements SteppableModel {
  stepCount = 0;
  readonly columns: readonly Column[] = [
    { name: 'date', type: 'string' },
    { name: 'level', type: 'int', unit: 'people' },
    { name: 'constant', type: 'int', unit: 'people' },
  ];
  private readonly k: number;
  constructor(seed: number) {
    this.k = new Rng(seed, 'weekly').int(2);
  }
  step(): void {
    this.stepCount++;
  }
  observe(row: Cell[]): void {
    row[0] = '';
    row[1] = 10 * this.stepCount + this.k;
    row[2] = 100;
  }
}

export const weeklyModel: ModelDefinition<Weekly> = {
  id: 'weekly',
  title: 'weekly test model',
  schema,
  defaultSteps: () => 520,
  create: (_s, seed) => new WeeklyRun(seed),
  columns: () => new WeeklyRun(0).columns,
  clock: { unit: 'week', startDate: (s) => (s as Weekly).t0 },
  defaultSeries: ['level'],
  liveParameters: [],
};

export const weeklyScenario: LoadedScenario<Weekly> = { file: 'weekly.yaml', model: weeklyModel, scenario: { model: 'weekly', t0: '2022-01-03' }, hash: 'weekly' };

/** Runs every task on this thread with the model above (no registry, no module file). */
export function weeklyExecutor(job: JobSpec): Executor {
  return {
    async runBatch(tasks, onResult) {
      for (const t of tasks) await onResult(await executeRun(job, weeklyModel, t));
    },
    async close() {},
  };
}
