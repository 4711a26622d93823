import type { ModelDefinition } from '../models/types.js';
import { NO_ABLATION } from './ablation-model.js';
import type { Arm, SequentialPlan } from './attribution-sequential.js';
import type { AttributionSettings } from './schema.js';

/** Mechanism ids switched off together travel as one `ablate:` value, joined by this. */
export const ABLATE_JOIN = '+';
export { NO_ABLATION };

/** The arms an attribution runs: each mechanism off, each group off, each swept value. */
export function attributionArms(model: Pick<ModelDefinition, 'mechanisms'>, a: AttributionSettings): Arm[] {
  const infos = model.mechanisms ?? [];
  const ids = a.mechanisms === 'all' ? infos.map((m) => m.id) : a.mechanisms;
  const arms: Arm[] = ids.map((id) => ({ id, name: infos.find((m) => m.id === id)?.name ?? id, kind: 'mechanism', params: { ablate: id } }));
  for (const g of a.groups) {
    arms.push({ id: g.id, name: g.label ?? `${g.off.join(', ')} off`, kind: 'group', params: { ablate: g.off.join(ABLATE_JOIN) } });
  }
  if (a.sweep) {
    const label = a.sweep.label ?? a.sweep.path;
    for (const v of a.sweep.values) arms.push({ id: `${a.sweep.path}=${v}`, name: `${label} ${v}`, kind: 'sweep', params: { [a.sweep.path]: v }, value: v });
  }
  return arms;
}

/** The baseline's run parameters (nothing switched off, nothing swept). */
export const BASELINE_PARAMS = { ablate: NO_ABLATION } as const;

export function sequentialPlan(a: AttributionSettings): SequentialPlan {
  return {
    batch: a.batch,
    minPairs: a.min_pairs,
    maxPairs: a.max_pairs,
    criterion: a.criterion,
    eventTarget: a.event_precision,
    stockTarget: a.stock_precision,
  };
}

/** Problems with the arms for this model (unknown mechanism ids), as [path, message]. */
export function armProblems(model: Pick<ModelDefinition, 'mechanisms'>, a: AttributionSettings): [string, string][] {
  const known = (model.mechanisms ?? []).map((m) => m.id);
  const out: [string, string][] = [];
  const check = (path: string, id: string) => {
    if (!known.includes(id)) out.push([path, `the model has no mechanism "${id}"; it has ${known.join(', ') || 'none'}`]);
  };
  if (a.mechanisms !== 'all') a.mechanisms.forEach((id, i) => check(`attribution.mechanisms[${i}]`, id));
  a.groups.forEach((g, i) => g.off.forEach((id, j) => check(`attribution.groups[${i}].off[${j}]`, id)));
  return out;
}
