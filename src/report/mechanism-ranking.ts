import type { AttributionRow } from './report-data.js';

export interface RankedMechanism {
  readonly mechanism: string;
  readonly name: string;
  /** Mean absolute relative change over the headline indicators (0.3 = 30 %). */
  readonly effect: number;
}

/**
 * Orders mechanisms by how much switching them off moves the headline indicators. Relative
 * change makes indicators of different sizes comparable; where the baseline is zero (no relative
 * change defined) the indicator is left out of that mechanism's mean. A change whose paired
 * difference interval includes zero counts as no change: otherwise one rare event in the
 * baseline (an explosion in one run of sixteen) would read as a -100 % effect.
 */
export function rankMechanisms(rows: readonly AttributionRow[]): RankedMechanism[] {
  const by = new Map<string, { name: string; sum: number; n: number }>();
  for (const r of rows) {
    const e = by.get(r.mechanism) ?? { name: r.mechanismName, sum: 0, n: 0 };
    if (r.relative !== null && Number.isFinite(r.relative)) {
      const distinct = r.diffLow > 0 || r.diffHigh < 0;
      e.sum += distinct ? Math.abs(r.relative) : 0;
      e.n += 1;
    }
    by.set(r.mechanism, e);
  }
  return [...by.entries()]
    .map(([mechanism, e]) => ({ mechanism, name: e.name, effect: e.n > 0 ? e.sum / e.n : 0 }))
    .sort((a, b) => b.effect - a.effect || a.mechanism.localeCompare(b.mechanism, 'en', { numeric: true }));
}
