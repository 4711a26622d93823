import { z } from 'zod';
import type { Cell, Column, SteppableModel } from '../engine/model.js';
import { getModel } from '../models/registry.js';
import type { ModelDefinition } from '../models/types.js';

/**
 * A registry model seen through the experiment runner's eyes, with two additions the main job
 * needs and the plain runner does not offer:
 * - `ablate:` in the scenario switches one mechanism off (the model's `create(..., {disable})`),
 *   so an ablation is an ordinary factor and runs on the ordinary worker pool;
 * - the per-group (per-region) series become national columns named `<indicator>__<group>`, so
 *   they are stored, banded and evaluated like any other indicator.
 * Workers load this module by file URL (JobSpec.model.module); it default-exports the definition.
 */

export const GROUP_SEPARATOR = '__';
/** The `ablate:` value of the baseline: nothing switched off. */
export const NO_ABLATION = 'none';

export interface AblationScenario {
  readonly base: unknown;
  readonly model: ModelDefinition;
  readonly ablate: string;
  /** The mechanism ids switched off (none for the baseline). */
  readonly off: readonly string[];
}

function baseModel(id: unknown): ModelDefinition {
  const model = typeof id === 'string' ? getModel(id) : undefined;
  if (!model) throw new Error(`no model "${String(id)}" in the registry`);
  return model;
}

const schema = z.unknown().transform((doc): AblationScenario => {
  const { ablate, ...rest } = (doc ?? {}) as Record<string, unknown>;
  const model = baseModel(rest.model);
  const known = (model.mechanisms ?? []).map((m) => m.id);
  const id = ablate === undefined ? NO_ABLATION : String(ablate);
  // Several mechanisms switched off together are joined by "+" (e.g. "M2+M3").
  const off = id === NO_ABLATION ? [] : id.split('+');
  for (const m of off) if (!known.includes(m)) throw new Error(`unknown mechanism "${m}"; the model has ${known.join(', ') || 'none'}`);
  return { base: model.schema.parse(rest), model, ablate: id, off };
});

/** The national columns plus each numeric group column of each group, known without a run. */
export function flatColumns(columns: readonly Column[], groupColumns: readonly Column[], groups: readonly string[]): Column[] {
  const values = groupColumns.filter((c) => c.type !== 'string');
  return [
    ...columns,
    ...groups.flatMap((g) => values.map((c): Column => ({ name: `${c.name}${GROUP_SEPARATOR}${g}`, type: c.type, unit: c.unit }))),
  ];
}

/** Adds each numeric group column of each group as a national column. */
export class FlatGroupsModel implements SteppableModel {
  readonly columns: readonly Column[];
  private readonly groupValueColumns: number[];
  private readonly groupCount: number;
  private readonly groupRow: Cell[][] = [];

  /** `groups`: the wrapped model's group ids, as its definition names them. */
  constructor(
    private readonly inner: SteppableModel,
    groups: readonly string[],
  ) {
    const gcols = inner.groupColumns ?? [];
    this.groupValueColumns = gcols.flatMap((c, i) => (c.type === 'string' ? [] : [i]));
    this.groupCount = groups.length;
    this.columns = flatColumns(inner.columns, gcols, groups);
  }

  get stepCount(): number {
    return this.inner.stepCount;
  }
  get groupColumns(): readonly Column[] | undefined {
    return this.inner.groupColumns;
  }
  step(): void {
    this.inner.step();
  }
  finished(): boolean {
    return this.inner.finished?.() ?? false;
  }
  observeGroups(emit: (row: Cell[]) => void): void {
    this.inner.observeGroups?.(emit);
  }

  observe(row: Cell[]): void {
    this.inner.observe(row);
    if (this.groupCount === 0) return;
    let k = this.inner.columns.length;
    row.length = k;
    this.groupRow.length = 0;
    this.inner.observeGroups!((r) => this.groupRow.push(r));
    if (this.groupRow.length !== this.groupCount) throw new Error(`the model emitted ${this.groupRow.length} group rows; its definition names ${this.groupCount} groups`);
    for (const r of this.groupRow) for (const i of this.groupValueColumns) row[k++] = r[i];
  }
}

export const ablationModel: ModelDefinition<AblationScenario> = {
  id: 'ablation',
  title: 'a registry model with one mechanism switched off and its groups as columns',
  schema: schema as unknown as z.ZodType<AblationScenario>,
  defaultSteps: (s) => s.model.defaultSteps(s.base),
  create: (s, seed) => new FlatGroupsModel(s.model.create(s.base, seed, { disable: s.off }), s.model.groups?.(s.base) ?? []),
  columns: (s) => flatColumns(s.model.columns(s.base), s.model.groupColumns?.(s.base) ?? [], s.model.groups?.(s.base) ?? []),
  clock: { unit: 'step', startDate: () => undefined },
  defaultSeries: [],
  liveParameters: [],
};

export default ablationModel;
