import { quantileSorted } from '../../../src/experiment/analysis/stats.js';
import type { SeriesBlock } from '../../../src/experiment/executor.js';

export interface BandPoint {
  readonly step: number;
  readonly runs: number;
  readonly mean: number;
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
}

/**
 * The band of one indicator over runs, step by step: type-7 quantiles as the store's
 * `ensemble_bands` (DuckDB's quantile_cont); steps where a run has no value count only the others.
 */
export function ensembleBand(series: readonly SeriesBlock[], indicator: string): BandPoint[] {
  const byStep = new Map<number, number[]>();
  for (const s of series) {
    const c = s.columns.indexOf(indicator);
    if (c < 0) continue;
    const n = s.steps.length;
    for (let i = 0; i < n; i++) {
      const v = s.values[c * n + i];
      if (!Number.isFinite(v)) continue;
      const list = byStep.get(s.steps[i]) ?? [];
      list.push(v);
      byStep.set(s.steps[i], list);
    }
  }
  return [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([step, values]) => {
      const sorted = Float64Array.from(values).sort();
      const q = (p: number) => quantileSorted(sorted, p);
      return { step, runs: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, q05: q(0.05), q25: q(0.25), q50: q(0.5), q75: q(0.75), q95: q(0.95) };
    });
}
