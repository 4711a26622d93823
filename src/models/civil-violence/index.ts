import type { ModelDefinition } from '../types.js';
import { CivilViolenceModel } from './model.js';
import { civilViolenceSchema, type CivilViolenceScenario } from './schema.js';

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
};
