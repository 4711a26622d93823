import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deriveSeed, Rng } from '../engine/random.js';
import type { ModelDefinition } from '../models/types.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { ATTRIBUTION } from '../store/tables.js';
import { NO_ABLATION } from './ablation-model.js';
import type { Executor, JobSpec, RunResult, RunTask } from './executor.js';
import type { Summary } from './schema.js';
import { quantile } from './targets.js';

/**
 * Mechanism attribution: the scenario re-run with each mechanism switched off in turn, every
 * ablation with the same replicate seeds as the baseline (common random numbers), so that the
 * paired difference shows what the mechanism does rather than what chance does.
 */

export interface AttributionRow {
  readonly mechanism: string;
  readonly mechanismName: string;
  readonly indicator: string;
  readonly baseline: number;
  readonly ablated: number;
  /** Mean paired difference, ablated minus baseline, with a 95 % bootstrap interval. */
  readonly diff: number;
  readonly diffLow: number;
  readonly diffHigh: number;
  /** mean(ablated) / mean(baseline) - 1; null when the baseline mean is zero. */
  readonly relative: number | null;
  readonly relativeLow: number | null;
  readonly relativeHigh: number | null;
  readonly replicates: number;
}

/** Years after t0 at which the explosion probability is reported (a few, so they do not outweigh the stocks in the ranking). */
const EXPLOSION_YEARS = [1, 2, 3, 5, 10];
const WEEKS_PER_YEAR = 52;
/** The opening wave (M1) is over by the end of January: explosions after it are new ones. */
const WAVE_END_STEP = 4;
export const HEADLINE_STOCKS = ['protest_minded', 'organisers', 'army_peaceful', 'army_radical', 'extremist_list'] as const;

/** A headline indicator: a label and how to get it from one run's summaries. */
export interface Headline {
  readonly label: string;
  readonly value: (summaries: Readonly<Record<string, number | null>>) => number | null;
}

export interface HeadlineSet {
  readonly summaries: readonly Summary[];
  readonly headlines: readonly Headline[];
}

/**
 * The headline indicators the model has: stocks five years after t0 (the seed's horizon) and,
 * if the model counts explosions, the probability of a new explosion by the end of each year.
 */
export function headlineSet(indicators: readonly string[], steps: number): HeadlineSet {
  const at = Math.min(steps, 5 * WEEKS_PER_YEAR);
  const summaries: Summary[] = [];
  const headlines: Headline[] = [];
  for (const name of HEADLINE_STOCKS) {
    if (!indicators.includes(name)) continue;
    const key = `attr_${name}`;
    summaries.push({ name: key, stat: 'value_at', indicator: name, at } as Summary);
    headlines.push({ label: `${name} (year ${Math.round(at / WEEKS_PER_YEAR)})`, value: (s) => s[key] ?? null });
  }
  if (indicators.includes('explosions') && steps > WAVE_END_STEP) {
    summaries.push({ name: 'attr_explosions_wave', stat: 'value_at', indicator: 'explosions', at: WAVE_END_STEP } as Summary);
    for (const y of EXPLOSION_YEARS.filter((y) => y * WEEKS_PER_YEAR <= steps)) {
      const key = `attr_explosions_y${y}`;
      summaries.push({ name: key, stat: 'value_at', indicator: 'explosions', at: y * WEEKS_PER_YEAR } as Summary);
      headlines.push({
        label: `P(explosion by year ${y})`,
        value: (s) => {
          const wave = s.attr_explosions_wave;
          const now = s[key];
          return wave === null || wave === undefined || now === null || now === undefined ? null : now > wave ? 1 : 0;
        },
      });
    }
  }
  return { summaries, headlines };
}

/** The compiled ablation model, which workers import (they run JavaScript, not the sources). */
export function ablationModuleUrl(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'ablation-model.js'), resolve(here, '../../dist/src/experiment/ablation-model.js')]) {
    if (existsSync(file)) return pathToFileURL(file).href;
  }
  throw new Error('the ablation model is not built: run "npm run build"');
}

export interface AttributionOptions {
  readonly model: ModelDefinition;
  /** The parsed scenario of `model`. */
  readonly scenario: unknown;
  readonly steps: number;
  /** Experiment seed: replicate r runs with deriveSeed(seed, 0, r), as the ensemble's row 0. */
  readonly seed: number;
  readonly replicates: number;
  /** Mechanism ids to switch off (default: all of the model's). */
  readonly mechanisms?: readonly string[];
  readonly executor: (job: JobSpec) => Executor;
  /**
   * The baseline's summaries per replicate (named as in `headlineSet(...).summaries`), when an
   * ensemble with the same seeds has already run; otherwise the baseline is run here too.
   */
  readonly baseline?: readonly Readonly<Record<string, number | null>>[];
  readonly onProgress?: (done: number, total: number) => void;
  /** Bootstrap resamples for the intervals. */
  readonly resamples?: number;
}

export async function runAttribution(o: AttributionOptions): Promise<AttributionRow[]> {
  const indicators = o.model.create(o.scenario, 0).columns.filter((c) => c.type !== 'string').map((c) => c.name);
  const set = headlineSet(indicators, o.steps);
  const infos = o.model.mechanisms ?? [];
  const ids = o.mechanisms ?? infos.map((m) => m.id);
  const configs = o.baseline ? ids : [NO_ABLATION, ...ids];
  const job: JobSpec = {
    model: { id: 'ablation', module: ablationModuleUrl() },
    scenario: o.scenario,
    factorPaths: { ablate: 'ablate' },
    steps: o.steps,
    summaries: set.summaries,
    series: null,
    every: 1,
  };
  const tasks: RunTask[] = configs.flatMap((ablate) =>
    Array.from({ length: o.replicates }, (_, r) => ({
      runId: `${ablate}-${r}`,
      row: ablate === NO_ABLATION ? 0 : ids.indexOf(ablate) + 1,
      replicate: r,
      seed: deriveSeed(o.seed, 0, r),
      params: { ablate },
    })),
  );
  const results = new Map<string, Record<string, number | null>[]>();
  const executor = o.executor(job);
  let done = 0;
  o.onProgress?.(0, tasks.length);
  try {
    await executor.runBatch(tasks, (r: RunResult) => {
      if (r.status !== 'ok') throw new Error(`attribution run ${r.runId} failed: ${r.error}`);
      const ablate = String(r.params.ablate);
      const list = results.get(ablate) ?? [];
      list[r.replicate] = Object.fromEntries(set.summaries.map((s, i) => [s.name, r.summaries[i] ?? null]));
      results.set(ablate, list);
      o.onProgress?.(++done, tasks.length);
    });
  } finally {
    await executor.close();
  }
  const baseline = o.baseline ?? results.get(NO_ABLATION)!;
  const rows: AttributionRow[] = [];
  for (const id of ids) {
    const ablated = results.get(id)!;
    const rng = new Rng(o.seed, 'attribution', id);
    for (const h of set.headlines) {
      const pairs: [number, number][] = [];
      for (let r = 0; r < o.replicates; r++) {
        const b = baseline[r] ? h.value(baseline[r]) : null;
        const a = ablated[r] ? h.value(ablated[r]) : null;
        if (b !== null && a !== null && Number.isFinite(a) && Number.isFinite(b)) pairs.push([b, a]);
      }
      if (pairs.length === 0) continue;
      const name = infos.find((m) => m.id === id)?.name ?? id;
      rows.push({ mechanism: id, mechanismName: name, indicator: h.label, ...pairedChange(pairs, rng, o.resamples ?? 2000) });
    }
  }
  return rows;
}

type Change = Omit<AttributionRow, 'mechanism' | 'mechanismName' | 'indicator'>;

/** Paired change with percentile-bootstrap intervals (resampling replicates, pairs kept together). */
export function pairedChange(pairs: readonly (readonly [number, number])[], rng: Rng, resamples: number): Change {
  const n = pairs.length;
  const means = (idx: (i: number) => number) => {
    let b = 0;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const [bi, ai] = pairs[idx(i)];
      b += bi;
      a += ai;
    }
    return [b / n, a / n] as const;
  };
  const [b, a] = means((i) => i);
  const diffs: number[] = [];
  const rels: number[] = [];
  // A resample whose baseline mean is zero has no relative change; dropping it would bias the
  // interval, so then the relative interval is left undefined.
  let undefinedRelative = false;
  for (let k = 0; k < resamples; k++) {
    const pick = Array.from({ length: n }, () => rng.int(n));
    const [bb, aa] = means((i) => pick[i]);
    diffs.push(aa - bb);
    if (bb !== 0) rels.push(aa / bb - 1);
    else undefinedRelative = true;
  }
  diffs.sort((x, y) => x - y);
  rels.sort((x, y) => x - y);
  const relative = b !== 0 ? a / b - 1 : null;
  const ci = (xs: number[]) => (xs.length > 0 ? [quantile(xs, 0.025), quantile(xs, 0.975)] : [null, null]);
  const [relativeLow, relativeHigh] = relative === null || undefinedRelative ? [null, null] : ci(rels);
  const [diffLow, diffHigh] = ci(diffs) as [number, number];
  return { baseline: b, ablated: a, diff: a - b, diffLow, diffHigh, relative, relativeLow, relativeHigh, replicates: n };
}

/** The `attribution` table: one row per (mechanism, headline indicator). */
export async function writeAttribution(store: ExperimentStore, rows: readonly AttributionRow[]): Promise<void> {
  await store.writeTable(
    ATTRIBUTION,
    rows.map((r) => [r.mechanism, r.mechanismName, r.indicator, r.replicates, r.baseline, r.ablated, r.diff, r.diffLow, r.diffHigh, r.relative, r.relativeLow, r.relativeHigh]),
  );
}
