import type { Column } from '../engine/model.js';
import { studentQuantile } from './variance/power.js';

/**
 * Is a run in steady state? For each indicator, each replicate's mean over an early window is
 * compared with its mean over a late window of the same run; the paired differences across
 * replicates give the drift with its confidence interval, relative to the early level. This is
 * an equivalence test: an indicator is *level* only when the whole interval lies within
 * +-`tolerance`, *drifts* when the whole interval lies outside it, and is *unclear* otherwise
 * (more replicates, or a wider tolerance, decide it). So too few runs can never pass for proof.
 *
 * What a model with a shock needs before its effects can be read off: without the shock, every
 * stock should stay where t0 put it. Cumulative counts grow by definition and are left out.
 */
export interface StationarityOptions {
  /** Share of the run in each window, from its start (after `skip`) and at its end; default 0.2. */
  readonly window?: number;
  /** Steps at the start left out of the early window (a transient the user accepts); default 0. */
  readonly skip?: number;
  /** 1 - confidence of each drift interval; default 0.05. */
  readonly alpha?: number;
  /** Relative drift, either way, that still counts as level; default 0.05. */
  readonly tolerance?: number;
}

export type StationarityVerdict = 'level' | 'drifts' | 'unclear';

export interface StationarityRow {
  readonly column: string;
  readonly unit: string;
  /** Mean over replicates of the early and the late window means. */
  readonly early: number;
  readonly late: number;
  /** (late - early) / |early|, with its confidence interval; NaN when early is 0 and late is not. */
  readonly relative: number;
  readonly low: number;
  readonly high: number;
  /** Mean paired difference over its standard error; 0 when no replicate drifts. */
  readonly t: number;
  readonly verdict: StationarityVerdict;
}

export interface StationarityResult {
  readonly runs: number;
  readonly steps: number;
  readonly early: readonly [number, number];
  readonly late: readonly [number, number];
  readonly alpha: number;
  readonly tolerance: number;
  readonly rows: readonly StationarityRow[];
  /** Every indicator tested is level. */
  readonly stationary: boolean;
}

/** Numeric indicators that are not cumulative counts, which grow by definition. */
export function isStock(column: Column): boolean {
  return (column.type === 'int' || column.type === 'float') && !/cumulative/i.test(column.unit ?? '');
}

/**
 * `runs[r][step][c]`: the recorded rows of each replicate (one row per step, the first at step
 * 0 or 1 as the model records), with the columns `columns`; `tested` names those to test.
 */
export function stationarity(
  columns: readonly Column[],
  runs: readonly (readonly (readonly unknown[])[])[],
  tested: readonly string[],
  options: StationarityOptions = {},
): StationarityResult {
  const n = runs.length;
  if (n < 2) throw new Error('stationarity needs at least 2 replicates');
  const steps = Math.min(...runs.map((r) => r.length));
  const skip = options.skip ?? 0;
  const width = Math.max(1, Math.floor((steps - skip) * (options.window ?? 0.2)));
  if (skip + 2 * width > steps) throw new Error(`${steps} recorded steps leave no room for two windows of ${width} after skipping ${skip}`);
  const early: [number, number] = [skip, skip + width];
  const late: [number, number] = [steps - width, steps];
  const alpha = options.alpha ?? 0.05;
  const tolerance = options.tolerance ?? 0.05;
  const tq = studentQuantile(1 - alpha / 2, n - 1);
  const rows = tested.map((name): StationarityRow => {
    const c = columns.findIndex((col) => col.name === name);
    if (c < 0) throw new Error(`no column "${name}"`);
    const windowMean = (rows: readonly (readonly unknown[])[], [a, b]: readonly [number, number]) => {
      let s = 0;
      for (let t = a; t < b; t++) s += Number(rows[t][c]);
      return s / (b - a);
    };
    const e = runs.map((r) => windowMean(r, early));
    const d = runs.map((r, i) => windowMean(r, late) - e[i]);
    const meanEarly = e.reduce((a, b) => a + b, 0) / n;
    const meanDiff = d.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(d.reduce((a, b) => a + (b - meanDiff) ** 2, 0) / (n - 1)) / Math.sqrt(n);
    const t = se > 0 ? meanDiff / se : meanDiff === 0 ? 0 : Math.sign(meanDiff) * Infinity;
    // A stock that is 0 throughout is level; one that leaves 0 has no relative scale.
    const scale = Math.abs(meanEarly);
    const rel = (x: number) => (scale > 0 ? x / scale : x === 0 ? 0 : Math.sign(x) * Infinity);
    const low = rel(meanDiff - tq * se);
    const high = rel(meanDiff + tq * se);
    const verdict: StationarityVerdict = low >= -tolerance && high <= tolerance ? 'level' : low > tolerance || high < -tolerance ? 'drifts' : 'unclear';
    return { column: name, unit: columns[c].unit ?? '', early: meanEarly, late: meanEarly + meanDiff, relative: scale > 0 ? meanDiff / scale : meanDiff === 0 ? 0 : NaN, low, high, t, verdict };
  });
  return { runs: n, steps, early, late, alpha, tolerance, rows, stationary: rows.every((r) => r.verdict === 'level') };
}
