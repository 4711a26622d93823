import type { ObservedFigure } from './observed-file.js';

/**
 * The two naive forecasts the model must beat, built from the calibration figures only (what
 * was known at the forecast origin): persistence carries the last figure forward; the trend
 * extends the least-squares line through all of them.
 */
export interface PlacedFigure {
  readonly figure: ObservedFigure;
  /** Position on the model's clock, in steps from its start (negative before it). */
  readonly position: number;
}

export interface Baselines {
  /** Last calibration figure of the indicator dated on or before the forecast time. */
  readonly persistence: number | null;
  /** Linear trend of those figures at the forecast time; null with fewer than two dates. */
  readonly trend: number | null;
}

export function baselinesAt(calibration: readonly PlacedFigure[], indicator: string, position: number): Baselines {
  const known = calibration.filter((c) => c.figure.indicator === indicator && c.position <= position).sort((a, b) => a.position - b.position);
  if (known.length === 0) return { persistence: null, trend: null };
  const persistence = known[known.length - 1].figure.value;
  return { persistence, trend: linearTrendAt(known.map((k) => k.position), known.map((k) => k.figure.value), position) };
}

/** Ordinary least squares line through (x, y), evaluated at x0; null unless two distinct x. */
export function linearTrendAt(x: readonly number[], y: readonly number[], x0: number): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  if (sxx === 0) return null;
  return my + (sxy / sxx) * (x0 - mx);
}
