import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Column } from '../engine/model.js';
import { Rng } from '../engine/random.js';
import type { ModelDefinition } from '../models/types.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { ATTRIBUTION, type StoreTable } from '../store/tables.js';
import type { Summary } from './schema.js';
import { quantile } from './targets.js';
import { controlVariatePairs } from './variance/control-variate.js';
import { binaryPaired, meanInterval, pairedPrecision, wilsonInterval, type PairedPrecision } from './variance/power.js';

/**
 * Mechanism attribution: the scenario re-run with a mechanism (or several, or a parameter)
 * changed, every such arm with the same replicate seeds as the baseline (common random numbers),
 * so that the paired difference shows what the change does rather than what chance does. What
 * "headline" means comes from the model (`ModelDefinition.attribution`).
 */

/**
 * How a headline's paired change is estimated: the plain mean of the differences (paired), the
 * same for 0/1 outcomes with the Agresti-Min interval (paired-binary), or the 0/1 indicator with
 * the model's hazard compensator as a control variate of known mean zero (hazard-cv, see
 * variance/control-variate.ts).
 */
export type Estimator = 'paired' | 'paired-binary' | 'hazard-cv';

export interface AttributionRow {
  readonly mechanism: string;
  readonly mechanismName: string;
  readonly indicator: string;
  readonly baseline: number;
  readonly ablated: number;
  /** Mean paired difference, changed minus baseline, with its 95 % interval (t, or Agresti-Min for 0/1). */
  readonly diff: number;
  readonly diffLow: number;
  readonly diffHigh: number;
  /** mean(ablated) / mean(baseline) - 1; null when the baseline mean is zero. */
  readonly relative: number | null;
  readonly relativeLow: number | null;
  readonly relativeHigh: number | null;
  /** Paired (common random numbers) replicates. */
  readonly replicates: number;
  /** Standard deviation of the paired differences. */
  readonly sd?: number;
  /** Minimal detectable effect at 80 % power (5 % two-sided), in the indicator's unit. */
  readonly mde?: number;
  readonly estimator?: Estimator;
  /** Why this arm stopped adding pairs: "precision" (target reached) or "max_pairs". */
  readonly stopReason?: string;
  /** 95 % intervals of each arm's own mean (Wilson for 0/1, t otherwise). */
  readonly baselineLow?: number;
  readonly baselineHigh?: number;
  readonly ablatedLow?: number;
  readonly ablatedHigh?: number;
  /** What the arm changes: one mechanism off, a group off, or a swept parameter value. */
  readonly armKind?: 'mechanism' | 'group' | 'sweep';
  readonly armValue?: number | null;
}

/** A headline indicator: a label and how to get it from one run's summaries. */
export interface Headline {
  readonly key: string;
  readonly label: string;
  /** A stock read at a step, or the probability of a new event by a step. */
  readonly kind: 'stock' | 'event';
  readonly estimator: Estimator;
  /** The primary event headline (the horizon) drives sequential stopping. */
  readonly primary: boolean;
  readonly value: (summaries: Readonly<Record<string, number | null>>) => number | null;
  /** A per-run quantity with the same expectation as `value` (hazard-cv: the compensator). */
  readonly control?: (summaries: Readonly<Record<string, number | null>>) => number | null;
}

export interface HeadlineSet {
  readonly summaries: readonly Summary[];
  readonly headlines: readonly Headline[];
}

export type EventEstimator = 'auto' | 'indicator' | 'compensator';

/**
 * The model's headline indicators: its stocks at `stocksAtStep` (capped at the run's length)
 * and, if it counts events, the probability of a new event by each of `atSteps`. With a hazard
 * column and `estimator` auto or compensator, that probability is estimated per run by the
 * compensator (conditional Monte Carlo) instead of the 0/1 indicator.
 */
export function headlineSet(
  model: Pick<ModelDefinition, 'attribution' | 'clock'>,
  columns: readonly Pick<Column, 'name' | 'type'>[],
  steps: number,
  estimator: EventEstimator = 'auto',
): HeadlineSet {
  const targets = model.attribution;
  if (!targets) return { summaries: [], headlines: [] };
  const names = new Set(columns.filter((c) => c.type !== 'string').map((c) => c.name));
  const at = Math.min(steps, targets.stocksAtStep);
  const when = stepLabel(model.clock.unit);
  const summaries: Summary[] = [];
  const headlines: Headline[] = [];
  for (const name of targets.stocks) {
    if (!names.has(name)) continue;
    const key = `attr_${name}`;
    summaries.push({ name: key, stat: 'value_at', indicator: name, at });
    headlines.push({ key, label: `${name} (${when(at)})`, kind: 'stock', estimator: 'paired', primary: false, value: (s) => s[key] ?? null });
  }
  const ev = targets.events;
  if (ev && names.has(ev.indicator) && steps > ev.afterStep) {
    const hazard = ev.hazard && names.has(ev.hazard) ? ev.hazard : undefined;
    if (estimator === 'compensator' && !hazard) throw new Error(`the model reports no hazard column for ${ev.indicator}: use estimator indicator or auto`);
    const useHazard = hazard !== undefined && estimator !== 'indicator';
    const wave = `attr_${ev.indicator}_after`;
    summaries.push({ name: wave, stat: 'value_at', indicator: ev.indicator, at: ev.afterStep });
    const horizons = ev.atSteps.filter((s) => s <= steps && s > ev.afterStep);
    horizons.forEach((step, i) => {
      const key = `attr_${ev.indicator}_${step}`;
      const label = `P(new ${ev.indicator} by ${when(step)})`;
      const primary = i === horizons.length - 1;
      summaries.push({ name: key, stat: 'value_at', indicator: ev.indicator, at: step });
      const happened = (s: Readonly<Record<string, number | null>>) => {
        const before = s[wave];
        const now = s[key];
        return before === null || before === undefined || now === null || now === undefined ? null : now > before ? 1 : 0;
      };
      if (!useHazard) {
        headlines.push({ key, label, kind: 'event', estimator: 'paired-binary', primary, value: happened });
        return;
      }
      const cmc = `${key}_hazard`;
      summaries.push({ name: cmc, stat: 'compensator', indicator: hazard!, event: ev.indicator, after: ev.afterStep, to: step });
      headlines.push({ key, label, kind: 'event', estimator: 'hazard-cv', primary, value: happened, control: (s) => s[cmc] ?? null });
    });
  }
  return { summaries, headlines };
}

const STEPS_PER_YEAR: Readonly<Record<string, number>> = { week: 52, month: 12, day: 365 };

/** "year 5" for a calendar step unit when the step falls on a whole year, else "week 7" or "step 7". */
export function stepLabel(unit: string): (step: number) => string {
  const perYear = STEPS_PER_YEAR[unit];
  return (step) => (perYear && step % perYear === 0 ? `year ${step / perYear}` : `${unit} ${step}`);
}

/** The compiled ablation model, which workers import (they run JavaScript, not the sources). */
export function ablationModuleUrl(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'ablation-model.js'), resolve(here, '../../dist/src/experiment/ablation-model.js')]) {
    if (existsSync(file)) return pathToFileURL(file).href;
  }
  throw new Error('the ablation model is not built: run "npm run build"');
}

type Change = Omit<AttributionRow, 'mechanism' | 'mechanismName' | 'indicator' | 'stopReason' | 'armKind' | 'armValue'>;

/**
 * The paired change of one headline: mean difference with its analytic 95 % interval and MDE
 * (variance/power.ts), and the relative change with a percentile-bootstrap interval (resampling
 * replicates, pairs kept together).
 */
export function pairedChange(pairs: readonly (readonly [number, number])[], rng: Rng, resamples: number, estimator: Estimator = 'paired'): Change {
  const n = pairs.length;
  const precision: PairedPrecision = estimator === 'paired-binary' ? binaryPaired(pairs) : pairedPrecision(pairs.map(([b, a]) => a - b));
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
  const rels: number[] = [];
  // A resample whose baseline mean is zero has no relative change; dropping it would bias the
  // interval, so then the relative interval is left undefined.
  let undefinedRelative = false;
  for (let k = 0; k < resamples; k++) {
    const pick = Array.from({ length: n }, () => rng.int(n));
    const [bb, aa] = means((i) => pick[i]);
    if (bb !== 0) rels.push(aa / bb - 1);
    else undefinedRelative = true;
  }
  rels.sort((x, y) => x - y);
  const relative = b !== 0 ? a / b - 1 : null;
  const [relativeLow, relativeHigh] = relative === null || undefinedRelative || rels.length === 0 ? [null, null] : [quantile(rels, 0.025), quantile(rels, 0.975)];
  // A difference without any spread (every pair equal) has a zero-width interval, whatever the test says.
  const exact = precision.sd === 0 || (n > 0 && pairs.every(([x, y]) => x === y));
  const own = (i: 0 | 1) => (estimator === 'paired-binary' ? wilsonInterval(pairs.filter((p) => p[i] > 0).length, n) : meanInterval(pairs.map((p) => p[i])));
  const [baselineLow, baselineHigh] = own(0);
  const [ablatedLow, ablatedHigh] = own(1);
  return {
    baselineLow,
    baselineHigh,
    ablatedLow,
    ablatedHigh,
    baseline: b,
    ablated: a,
    diff: a - b,
    diffLow: exact && estimator !== 'paired-binary' ? a - b : precision.low,
    diffHigh: exact && estimator !== 'paired-binary' ? a - b : precision.high,
    relative,
    relativeLow,
    relativeHigh,
    replicates: n,
    sd: precision.sd,
    mde: precision.mde,
    estimator,
  };
}

/**
 * Pairs (baseline, changed) of one headline over the replicates both arms have; with a control
 * (hazard-cv), each value is already adjusted by it, so the pairs are read like any real-valued ones.
 */
export function headlinePairs(h: Headline, baseline: readonly (Readonly<Record<string, number | null>> | undefined)[], arm: readonly (Readonly<Record<string, number | null>> | undefined)[], n: number): [number, number][] {
  const pairs: [number, number][] = [];
  const controls: [number, number][] = [];
  const ok = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  for (let r = 0; r < n; r++) {
    const bs = baseline[r];
    const as = arm[r];
    if (!bs || !as) continue;
    const b = h.value(bs);
    const a = h.value(as);
    if (!ok(b) || !ok(a)) continue;
    if (h.control) {
      const bc = h.control(bs);
      const ac = h.control(as);
      if (!ok(bc) || !ok(ac)) continue;
      controls.push([bc, ac]);
    }
    pairs.push([b, a]);
  }
  return h.control ? controlVariatePairs(pairs, controls) : pairs;
}


const finiteOrNull = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v);

function cells(r: AttributionRow) {
  return [
    r.mechanism, r.mechanismName, r.indicator, r.replicates, r.baseline, r.ablated, r.diff, r.diffLow, r.diffHigh,
    r.relative, r.relativeLow, r.relativeHigh, finiteOrNull(r.sd), finiteOrNull(r.mde), r.estimator ?? null, r.stopReason ?? null,
    finiteOrNull(r.baselineLow), finiteOrNull(r.baselineHigh), finiteOrNull(r.ablatedLow), finiteOrNull(r.ablatedHigh), r.armKind ?? 'mechanism', r.armValue ?? null,
  ];
}

/** The `attribution` table: one row per (mechanism switched off, headline indicator). */
export async function writeAttribution(store: ExperimentStore, rows: readonly AttributionRow[], table: StoreTable = ATTRIBUTION): Promise<void> {
  await store.writeTable(table, rows.map(cells));
}
