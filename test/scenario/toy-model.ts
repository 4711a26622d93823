import { z } from 'zod';
import { Rng } from '../../src/engine/random.js';
import type { Cell, Column, SteppableModel } from '../../src/engine/model.js';
import type { ModelDefinition } from '../../src/models/types.js';

/**
 * A small stand-in model for the scenario and CLI tests: a strict schema shaped like the real
 * ones (nested groups, bounds, an enum, `.inf`, a list, a map) and a cheap random process.
 */
export const toySchema = z.strictObject({
  model: z.literal('toy'),
  grid: z
    .strictObject({
      width: z.number().int().positive().default(20).meta({ unit: 'cells', description: 'Columns of the grid' }),
      height: z.number().int().positive().default(20).meta({ unit: 'cells', description: 'Rows of the grid' }),
    })
    .prefault({}),
  density: z.number().min(0).max(1).default(0.5).meta({ unit: 'share', description: 'Share of cells occupied' }),
  rules: z.enum(['epstein', 'mesa', 'netlogo']).default('epstein'),
  jail: z
    .strictObject({
      max_term: z.union([z.number().nonnegative(), z.literal(Infinity)]).default(30).meta({ unit: 'steps' }),
    })
    .prefault({}),
  schedule: z.array(z.strictObject({ at: z.number().int().nonnegative(), boost: z.number() })).default([]),
  regions: z.record(z.string(), z.strictObject({ weight: z.number().positive() })).default({ north: { weight: 1 }, south: { weight: 2 } }),
});

export type ToyScenario = z.output<typeof toySchema>;

class ToyRun implements SteppableModel {
  stepCount = 0;
  readonly columns: readonly Column[] = [
    { name: 'active', type: 'int', unit: 'agents' },
    { name: 'mean_grievance', type: 'float', unit: 'share' },
    { name: 'rules', type: 'string' },
  ];
  readonly groupColumns: readonly Column[] = [
    { name: 'region', type: 'string' },
    { name: 'active', type: 'int', unit: 'agents' },
  ];
  private readonly grievance: Float64Array;
  private readonly regionNames: string[];
  private readonly rng: Rng;
  constructor(private readonly s: ToyScenario, seed: number, private readonly boostOn: boolean) {
    this.rng = new Rng(seed, 'toy');
    const n = Math.round(s.grid.width * s.grid.height * s.density);
    this.grievance = new Float64Array(n);
    for (let i = 0; i < n; i++) this.grievance[i] = this.rng.random();
    this.regionNames = Object.keys(s.regions).sort();
  }
  step(): void {
    const boost = this.boostOn ? this.s.schedule.filter((e) => e.at === this.stepCount).reduce((a, e) => a + e.boost, 0) : 0;
    for (let i = 0; i < this.grievance.length; i++) {
      const g = this.grievance[i] + 0.1 * (this.rng.random() - 0.5) + boost;
      this.grievance[i] = g < 0 ? 0 : g > 1 ? 1 : g;
    }
    this.stepCount++;
  }
  private active(from = 0, to = this.grievance.length): number {
    let n = 0;
    for (let i = from; i < to; i++) if (this.grievance[i] > 0.8) n++;
    return n;
  }
  observe(row: Cell[]): void {
    let sum = 0;
    for (let i = 0; i < this.grievance.length; i++) sum += this.grievance[i];
    row[0] = this.active();
    row[1] = this.grievance.length > 0 ? sum / this.grievance.length : 0;
    row[2] = this.s.rules;
  }
  observeGroups(emit: (row: Cell[]) => void): void {
    const k = this.regionNames.length;
    const size = Math.ceil(this.grievance.length / k);
    this.regionNames.forEach((name, r) => emit([name, this.active(r * size, Math.min(this.grievance.length, (r + 1) * size))]));
  }
}

export const toyModel: ModelDefinition<ToyScenario> = {
  id: 'toy',
  title: 'Toy model for tests',
  schema: toySchema,
  defaultSteps: () => 25,
  create: (scenario, seed, options) => new ToyRun(scenario, seed, !(options?.disable ?? []).includes('M1')),
  columns: (scenario) => new ToyRun(scenario, 0, true).columns,
  clock: { unit: 'step', startDate: () => undefined },
  defaultSeries: ['active'],
  liveParameters: [],
  mechanisms: [
    { id: 'M1', name: 'Scheduled boosts', description: 'Applies the schedule' },
    { id: 'M2', name: 'Nothing', description: 'Placeholder' },
  ],
};
