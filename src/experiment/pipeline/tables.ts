import type { TargetResult } from '../targets.js';
import { canonicalJson } from '../../scenario/canonical-json.js';
import type { ExperimentStore } from '../../store/experiment-store.js';
import { SCENARIO, TARGET_RESULTS } from '../../store/tables.js';

/**
 * Tables the main job adds to its ensemble store so that the report can show them without
 * re-running anything: the scenario as run and the targets as evaluated.
 */

export async function writeScenarioTable(store: ExperimentStore, file: string, scenario: unknown): Promise<void> {
  await store.writeTable(SCENARIO, [[file, canonicalJson(scenario)]]);
}

export async function writeTargetResults(store: ExperimentStore, results: readonly TargetResult[]): Promise<void> {
  await store.writeTable(TARGET_RESULTS, results.map((t) => [t.id, t.claim ?? null, t.measure, t.mean, t.low, t.high, t.min ?? null, t.max ?? null, t.pass, t.values.length]));
}
