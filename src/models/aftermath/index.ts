import type { ModelDefinition } from '../types.js';
import { groupColumns, nationalColumns } from './indicators.js';
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
  create: (s, seed, options) => new AftermathModel(s, seed, options?.disable ?? []),
  columns: (s) => nationalColumns(s),
  groupColumns: () => groupColumns(),
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
  mechanisms: [
    { id: 'M1', name: 'wave', description: 'the January 2022 wave: participants by role and region (given, or by Epstein activation after a hardship shock), the dead, the start of the crackdown' },
    { id: 'M2', name: 'funnel', description: 'crackdowns: recorded detention and several-fold unrecorded stops, each raising the grievance of whoever it touches' },
    { id: 'M3', name: 'evidence', description: 'identification and conviction depend on role and on digital evidence; the armed who filmed nothing are hard to convict' },
    { id: 'M4', name: 'spillover', description: "harm raises the grievance of the harmed agent's household and friends, decaying with distance; directly and indirectly affected" },
    { id: 'M5', name: 'exclusion', description: 'restrictions on the charged, released and listed and their households raise hardship week by week: the outcasts' },
    { id: 'M6', name: 'legitimacy', description: 'visible repression lowers perceived legitimacy, through ties, in the region and nationally; standing repression erodes it' },
    { id: 'M7', name: 'school', description: 'prisoners gain organising skill; released organisers lower thresholds and embolden their ties; extremism and terrorism convictions enter the list' },
    { id: 'M8', name: 'fates', description: 'per-role sentencing; attention frees the peaceful; armed crews rule prisons; vulnerable inmates are bullied or recruited by sects' },
    { id: 'M9', name: 'armies', description: 'orientation none/peaceful/radical, moved by grievance, harm, and ties to released sect members' },
    { id: 'M10', name: 'valve', description: 'emigration of the pressured with per-destination acceptance, asylum, cost and danger of return' },
    { id: 'M11', name: 'bomb', description: 'activation cascades on ties, explosions when a region passes an active share, new crackdowns in answer, random local triggers' },
  ],
};
