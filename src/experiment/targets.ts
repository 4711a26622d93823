import type { Cell, Column } from '../engine/model.js';

/**
 * Targets over an ensemble: each target is an observed range on an indicator (or a ratio of
 * two, or a regional share) at a date. It holds when the observed range overlaps the model's
 * 90 % interval (5th to 95th percentile across runs), not when the mean alone falls in it: a
 * model whose runs scatter widely around the right value is not thereby confirmed, and one that
 * is right but noisy is not thereby refuted. A one-sided range (only min, or only max) overlaps
 * when the interval reaches it.
 *
 * `role: calibration` targets are what a scenario was fitted or sized to; `role: validation`
 * targets were kept out of that and test it.
 */

export interface SeriesTable {
  readonly columns: readonly (Column | string)[];
  readonly rows: readonly (readonly Cell[])[];
}

/** One replicate: its national series and, for regional targets, its per-region series. */
export interface RunSeries {
  readonly national: SeriesTable;
  readonly regions?: SeriesTable;
}

interface Point {
  readonly indicator: string;
  readonly at: string;
}

export type TargetRole = 'calibration' | 'validation';

interface Common {
  id: string;
  claim?: string;
  /** Default: calibration. */
  role?: TargetRole;
  source?: string;
}

export type TargetSpec =
  | (Common & { kind: 'value'; indicator: string; at: string; min?: number; max?: number })
  | (Common & { kind: 'ratio'; numerator: Point; denominator: Point; min?: number; max?: number })
  | (Common & { kind: 'largest_share'; indicator: string; at: string; group: readonly string[] });

export interface TargetScenario {
  readonly t0: string;
  readonly targets: readonly TargetSpec[];
}

export interface TargetResult {
  readonly id: string;
  readonly claim?: string;
  /** Always set by evaluateTargets; optional for results stored before roles existed. */
  readonly role?: TargetRole;
  /** What is measured, e.g. "detained at 2022-01-31" or "share of affected in almaty_city+almaty_region". */
  readonly measure: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  /** The observed range the 90 % interval must overlap (for largest_share: min is the largest other region's mean share). */
  readonly min?: number;
  readonly max?: number;
  /** The observed range overlaps the 90 % interval [low, high]. */
  readonly pass: boolean;
  /** One value per run. */
  readonly values: readonly number[];
}

export function evaluateTargets(scenario: TargetScenario, runs: readonly RunSeries[]): TargetResult[] {
  if (runs.length === 0) throw new Error('evaluateTargets needs at least one run');
  return scenario.targets.map((t) => evaluateOne(scenario.t0, t, runs));
}

function evaluateOne(t0: string, t: TargetSpec, runs: readonly RunSeries[]): TargetResult {
  if (t.kind === 'largest_share') {
    const own: number[] = [];
    const other: number[] = [];
    const lead: number[] = [];
    for (const run of runs) {
      if (!run.regions) throw new Error(`target ${t.id} needs the per-region series`);
      const shares = regionShares(run.regions, t.indicator, stepAt(t0, t.at));
      let group = 0;
      let best = 0;
      for (const [region, share] of shares) {
        if (t.group.includes(region)) group += share;
        else best = Math.max(best, share);
      }
      own.push(group);
      other.push(best);
      lead.push(group - best);
    }
    const s = summarise(own);
    const rival = mean(other);
    // The claim is "the group leads": it holds when the 90 % interval of the lead reaches above 0.
    const leadHigh = quantile([...lead].sort((a, b) => a - b), 0.95);
    return {
      id: t.id, claim: t.claim, role: t.role ?? 'calibration', measure: `share of ${t.indicator} in ${t.group.join('+')} at ${t.at}`,
      ...s, min: rival, pass: leadHigh > 0, values: own,
    };
  }
  const values = runs.map((run) =>
    t.kind === 'value'
      ? valueAt(run.national, t.indicator, stepAt(t0, t.at))
      : valueAt(run.national, t.numerator.indicator, stepAt(t0, t.numerator.at)) /
        valueAt(run.national, t.denominator.indicator, stepAt(t0, t.denominator.at)),
  );
  const s = summarise(values);
  const measure =
    t.kind === 'value'
      ? `${t.indicator} at ${t.at}`
      : `${t.numerator.indicator} at ${t.numerator.at} / ${t.denominator.indicator} at ${t.denominator.at}`;
  return { id: t.id, claim: t.claim, role: t.role ?? 'calibration', measure, ...s, min: t.min, max: t.max, pass: overlaps(s, t.min, t.max), values };
}

/** Whether the observed range [min, max] (either end may be open) meets the interval [low, high]. */
export function overlaps(interval: { low: number; high: number }, min?: number, max?: number): boolean {
  const { low, high } = interval;
  if (!Number.isFinite(low) || !Number.isFinite(high)) return false;
  return (min === undefined || high >= min) && (max === undefined || low <= max);
}

/** The step whose week ends on or after the date (step s ends at t0 + 7 s days). */
export function stepAt(t0: string, date: string): number {
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${t0}T00:00:00Z`)) / 86400000;
  return Math.max(0, Math.ceil(days / 7));
}

function columnIndex(table: SeriesTable, name: string): number {
  const names = table.columns.map((c) => (typeof c === 'string' ? c : c.name));
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`no column "${name}" in the series; columns are ${names.join(', ')}`);
  return i;
}

/** Value at a step; with sparse recording, the first recorded row at or after it. */
function valueAt(table: SeriesTable, name: string, step: number): number {
  const s = columnIndex(table, 'step');
  const c = columnIndex(table, name);
  for (const row of table.rows) if (Number(row[s]) >= step) return Number(row[c]);
  throw new Error(`the series ends before step ${step} (needed for ${name})`);
}

function regionShares(table: SeriesTable, name: string, step: number): Map<string, number> {
  const s = columnIndex(table, 'step');
  const g = columnIndex(table, 'region');
  const c = columnIndex(table, name);
  let at = -1;
  for (const row of table.rows) {
    if (Number(row[s]) >= step) {
      at = Number(row[s]);
      break;
    }
  }
  if (at < 0) throw new Error(`the per-region series ends before step ${step} (needed for ${name})`);
  const values = new Map<string, number>();
  let total = 0;
  for (const row of table.rows) {
    if (Number(row[s]) !== at) continue;
    const v = Number(row[c]);
    values.set(String(row[g]), v);
    total += v;
  }
  for (const [k, v] of values) values.set(k, total > 0 ? v / total : 0);
  return values;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function summarise(xs: readonly number[]): { mean: number; low: number; high: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean: mean(xs), low: quantile(sorted, 0.05), high: quantile(sorted, 0.95) };
}

/** Linear interpolation between order statistics (type 7, as R and numpy by default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0];
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
