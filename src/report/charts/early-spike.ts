import { compactNumber } from '../svg-chart.js';

/**
 * An opening spike (e.g. the week of the wave itself) can be many times everything after it,
 * which flattens the rest of the chart to its floor. When the first few points rise more than
 * SPIKE_RATIO times above the highest point after them, the y axis is cut just above the rest
 * and the chart says so.
 */
export const SPIKE_RATIO = 3;

export interface YScale {
  readonly min: number;
  /** Undefined: let ECharts choose. */
  readonly max: number | undefined;
  /** The sentence saying what was cut, or null. */
  readonly clipped: string | null;
}

export interface Edge {
  readonly steps: readonly number[];
  readonly low: readonly number[];
  readonly high: readonly number[];
}

/** The first of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above v. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const k = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * k >= v * (1 - 1e-12)) return m * k;
  return 10 * k;
}

/** One y scale for one or several bands (shared by small multiples), cut above an early spike. */
export function yScale(edges: readonly Edge[], stepName: string): YScale {
  let min = 0;
  let earlyMax = -Infinity;
  let earlyStep = 0;
  let restMax = -Infinity;
  let allMax = -Infinity;
  for (const e of edges) {
    const n = e.steps.length;
    // The opening: the first 5 % of the recorded points, at least one, and never all of them.
    const head = Math.min(n - 1, Math.max(1, Math.ceil(n * 0.05)));
    for (let i = 0; i < n; i++) {
      const hi = e.high[i];
      const lo = e.low[i];
      if (Number.isFinite(lo)) min = Math.min(min, lo);
      if (!Number.isFinite(hi)) continue;
      allMax = Math.max(allMax, hi);
      if (i < head) {
        if (hi > earlyMax) {
          earlyMax = hi;
          earlyStep = e.steps[i];
        }
      } else restMax = Math.max(restMax, hi);
    }
  }
  const shared = edges.length > 1;
  if (restMax > 0 && earlyMax > SPIKE_RATIO * restMax) {
    const max = niceCeil(restMax * 1.05);
    return {
      min,
      max,
      clipped: `The ${stepName.split(' ')[0]}-${earlyStep} peak (${compactNumber(earlyMax)}) is cut off: the y axis stops at ${compactNumber(max)} so that what follows it can be read.`,
    };
  }
  return { min, max: shared && allMax > min ? niceCeil(allMax) : undefined, clipped: null };
}
