import { createHash } from 'node:crypto';
import type { Column } from '../../engine/model.js';
import type { ModelDefinition } from '../../models/types.js';
import { canonicalJson } from '../../scenario/canonical-json.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { ExperimentStore } from '../../store/experiment-store.js';
import { GROUP_SEPARATOR } from '../ablation-model.js';
import type { LoadedExperiment } from '../load.js';
import { ExperimentSchema, type Summary } from '../schema.js';
import type { RunSeries, TargetSpec } from '../targets.js';

/**
 * The main job's ensemble: the scenario's replicates with the series the targets and the report
 * need. Which indicators those are comes from the model (its default series and attribution
 * targets) and the scenario (its targets), never from a list kept here.
 */

/** National indicators kept, then each group (region) column of the indicators shown per group. */
export function seriesIndicators(model: ModelDefinition, names: readonly string[], targets: readonly TargetSpec[]): string[] {
  const want = new Set<string>([...model.defaultSeries, ...(model.attribution?.stocks ?? [])]);
  if (model.attribution?.events) want.add(model.attribution.events.indicator);
  // Per group: the targets that compare groups, and the first few default series (small multiples).
  const grouped = new Set<string>(model.defaultSeries.slice(0, 3));
  for (const t of targets) {
    if (t.kind === 'value') want.add(t.indicator);
    else if (t.kind === 'ratio') want.add(t.numerator.indicator).add(t.denominator.indicator);
    else {
      want.add(t.indicator);
      grouped.add(t.indicator);
    }
  }
  const out = names.filter((n) => want.has(n));
  for (const n of names) {
    const sep = n.lastIndexOf(GROUP_SEPARATOR);
    if (sep > 0 && grouped.has(n.slice(0, sep))) out.push(n);
  }
  return out;
}

export function ensembleExperiment(
  loaded: LoadedScenario,
  columns: readonly Pick<Column, 'name' | 'type'>[],
  steps: number,
  replicates: number,
  seed: number,
  summaries: readonly Summary[],
  indicators: readonly string[],
): LoadedExperiment {
  const experiment = ExperimentSchema.parse({
    kind: 'ensemble',
    name: 'main',
    description: 'the default scenario as an ensemble, its targets and the mechanism attribution',
    scenario: loaded.file,
    replicates,
    seed,
    steps,
    outputs: { indicators, summaries },
  });
  const hash = createHash('sha256').update(canonicalJson({ experiment, scenario: loaded.hash, main: true })).digest('hex');
  return {
    file: '(main job)',
    name: 'main',
    experiment,
    scenario: loaded,
    steps,
    indicators: columns.map((c) => ({ name: c.name, type: c.type })),
    observed: null,
    outcome: null,
    hash,
  };
}

/** The stored series of the baseline, per replicate, as the target evaluation reads them. */
export async function readRunSeries(store: ExperimentStore, targets: readonly TargetSpec[]): Promise<RunSeries[]> {
  const cols = (await store.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'series' ORDER BY ordinal_position`)).map((r) => String(r.column_name));
  const national = cols.filter((c) => !['run_id', 'row', 'replicate', 'step'].includes(c) && !c.includes(GROUP_SEPARATOR));
  const regionalIndicators = [...new Set(targets.flatMap((t) => (t.kind === 'largest_share' ? [t.indicator] : [])))];
  const regionalCols = cols.filter((c) => regionalIndicators.some((i) => c.startsWith(`${i}${GROUP_SEPARATOR}`)));
  const regions = [...new Set(regionalCols.map((c) => c.slice(c.lastIndexOf(GROUP_SEPARATOR) + GROUP_SEPARATOR.length)))];
  const rows = await store.query(`SELECT * FROM series WHERE "row" = 0 ORDER BY replicate, step`);
  const byRep = new Map<number, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = Number(r.replicate);
    if (!byRep.has(k)) byRep.set(k, []);
    byRep.get(k)!.push(r);
  }
  return [...byRep.values()].map((list) => ({
    national: { columns: ['step', ...national], rows: list.map((r) => [Number(r.step), ...national.map((c) => Number(r[c]))]) },
    regions: {
      columns: ['step', 'region', ...regionalIndicators],
      rows: list.flatMap((r) => regions.map((g) => [Number(r.step), g, ...regionalIndicators.map((i) => Number(r[`${i}${GROUP_SEPARATOR}${g}`]))])),
    },
  }));
}
