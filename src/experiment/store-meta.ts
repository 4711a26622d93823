import { z } from 'zod';
import { canonicalJson } from '../scenario/canonical-json.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { MODEL_META, SCENARIO } from '../store/tables.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Observation } from './observed.js';

/**
 * What a store must say of its model for a reader to show it without the model's code or the
 * scenario file (which may have changed or be elsewhere): the validated scenario as run, and
 * the model's description of its indicators, clock and parameters (ModelDefinition).
 */
export function storeMeta(loaded: LoadedScenario, observed: readonly Observation[] | null): [key: string, value: unknown][] {
  const model = loaded.model;
  const scenario = loaded.scenario;
  const meta: [string, unknown][] = [
    ['model', { id: model.id, title: model.title }],
    ['columns', model.columns(scenario)],
    ['group_columns', model.groupColumns?.(scenario) ?? []],
    ['clock', { unit: model.clock.unit, startDate: model.clock.startDate(scenario) ?? null }],
    ['default_series', model.defaultSeries],
    ['parameter_schema', z.toJSONSchema(model.schema, { unrepresentable: 'any', io: 'input' })],
  ];
  if (observed) meta.push(['observed', observed]);
  return meta;
}

export async function writeStoreMeta(store: ExperimentStore, loaded: LoadedScenario, observed: readonly Observation[] | null): Promise<void> {
  await store.writeTable(SCENARIO, [[loaded.file, canonicalJson(loaded.scenario)]]);
  await store.writeTable(MODEL_META, storeMeta(loaded, observed).map(([k, v]) => [k, canonicalJson(v)]));
}
