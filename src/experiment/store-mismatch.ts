import { canonicalJson } from '../scenario/canonical-json.js';
import { describeChanges, jsonChanges, type JsonChange } from '../scenario/json-diff.js';
import type { Manifest } from '../store/experiment-store.js';
import type { LoadedExperiment } from './load.js';

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
};

const under = (prefix: string, changes: JsonChange[]): JsonChange[] => changes.map((c) => ({ ...c, path: c.path ? `${prefix}.${c.path}` : prefix }));

/**
 * Why a store's experiment is not this one, named field by field: the experiment's own fields,
 * then the scenario's (stores of schema version 4 and later keep it), then the observed data,
 * which the hash covers but the manifest does not keep.
 */
export function storeMismatch(m: Pick<Manifest, 'experiment_json' | 'scenario_hash' | 'scenario_json'>, x: LoadedExperiment): string {
  const changes = under('experiment', jsonChanges(parse(m.experiment_json), parse(JSON.stringify(x.experiment))));
  const notes: string[] = [];
  if (m.scenario_hash !== x.scenario.hash) {
    if (m.scenario_json) changes.push(...under('scenario', jsonChanges(parse(m.scenario_json), parse(canonicalJson(x.scenario.scenario)))));
    else notes.push(`the scenario ${x.scenario.file} changed (this store is older than schema version 4 and did not keep it, so the fields cannot be named)`);
  }
  if (changes.length === 0 && notes.length === 0) notes.push('the observed data the experiment reads changed');
  return [changes.length > 0 ? describeChanges(changes) : '', ...notes].filter(Boolean).join('; ');
}
