import type { ModelDefinition } from '../types.js';
import { modelOneColumns, modelTwoColumns } from './indicators.js';
import { CivilViolenceModel } from './model.js';
import { civilViolenceSchema, type CivilViolenceScenario } from './schema.js';
import { civilViolenceView } from './view.js';

export type { CivilViolenceScenario, CivilViolenceInput } from './schema.js';
export { civilViolenceSchema, RULE_SETS, type RuleSetName } from './schema.js';
export { CivilViolenceModel, type CivilViolenceSnapshot } from './model.js';

/** Epstein's civil violence model (PNAS 2002), Models I and II, with three rule sets. */
export const civilViolence: ModelDefinition<CivilViolenceScenario> = {
  id: 'civil-violence',
  title: "Epstein's civil violence model",
  schema: civilViolenceSchema,
  defaultSteps: (s) => s.steps,
  create: (scenario, seed) => new CivilViolenceModel(scenario, seed),
  columns: (s) => (s.variant === 'II' ? modelTwoColumns : modelOneColumns),
  clock: { unit: 'step', startDate: () => undefined },
  defaultSeries: ['quiet', 'active', 'jailed', 'tension', 'blue', 'green', 'killed'],
  liveParameters: [
    { path: 'legitimacy', unit: 'share', min: 0, max: 1 },
    { path: 'cops.density', unit: 'cops per cell', min: 0, max: 1 },
  ],
  view: 'lattice',
  viewAdapter: civilViolenceView,
  attribution: { stocks: ['active', 'jailed'], stocksAtStep: 1_000_000 },
  footprint: (s) => {
    const cells = s.grid.width * s.grid.height;
    const agents = Math.round(cells * (s.citizens.density + s.cops.density));
    // Occupancy and census tables per cell, a few typed-array columns per agent.
    return { cells, agents, bytes: cells * 24 + agents * 64 };
  },
};
