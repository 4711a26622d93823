import type { ModelDefinition } from '../types.js';
import { groupColumns, nationalColumns } from './indicators.js';
import { MECHANISMS } from './mechanisms/index.js';
import { AftermathModel } from './model.js';
import { aftermathSchema, type AftermathScenario } from './schema.js';
import { aftermathView } from './view.js';

export type { AftermathScenario } from './schema.js';
export { aftermathSchema, stepOf, dateOf } from './schema.js';
export { AftermathModel, MECHANISM_IDS } from './model.js';

const WEEKS_PER_YEAR = 52;

export const aftermath: ModelDefinition<AftermathScenario> = {
  id: 'aftermath',
  title: "Aftermath: how a state's repression after a protest wave feeds the next one",
  schema: aftermathSchema,
  defaultSteps: (s) => s.horizon,
  create: (s, seed, options) => new AftermathModel(s, seed, { disable: options?.disable ?? [] }),
  columns: (s) => nationalColumns(s),
  groupColumns: () => groupColumns(),
  groups: (s) => s.regions.map((r) => r.id),
  clock: { unit: 'week', startDate: (s) => (s as AftermathScenario).t0 },
  defaultSeries: ['detained', 'active', 'prisoners_political', 'outcasts', 'army_radical', 'emigrants', 'legitimacy'],
  liveParameters: [],
  view: 'regions',
  viewAdapter: aftermathView,
  footprint: (s) => {
    const agents = s.regions.reduce((n, r) => n + Math.max(1, Math.round(r.population / s.scale)), 0);
    // About seventy per-agent columns of 1-8 bytes, plus two directions of each friendship tie.
    return { agents, cells: 0, bytes: agents * (300 + 16 * s.population.friends) };
  },
  attribution: {
    stocks: ['protest_minded', 'organisers', 'army_peaceful', 'army_radical', 'extremist_list'],
    // The seed's horizon: five years after t0.
    stocksAtStep: 5 * WEEKS_PER_YEAR,
    // The opening wave (M1) is over by the end of January: explosions after it are new ones.
    events: { indicator: 'explosions', afterStep: 4, atSteps: [1, 2, 3, 5, 10].map((y) => y * WEEKS_PER_YEAR) },
  },
  mechanisms: MECHANISMS.map(({ id, name, description }) => ({ id, name, description })),
};
