import { weightedMean, weightedQuantile } from '../analysis/index.js';
import type { AbcGeneration, Prior } from '../analysis/index.js';
import type { SqlColumn } from '../../store/sql-types.js';
import { IDENTIFIABILITY } from '../../store/tables.js';

/**
 * How much the data taught about each parameter: the width of its 90 % posterior interval
 * against the width of its 90 % prior interval. A ratio near 1 means the fit left the prior
 * as it was (the parameter is not identified by these targets); a small ratio means the data
 * pinned it down.
 */
export interface IdentifiabilityRow {
  readonly parameter: string;
  readonly prior: string;
  readonly prior_low: number;
  readonly prior_high: number;
  readonly posterior_mean: number;
  readonly posterior_median: number;
  readonly posterior_low: number;
  readonly posterior_high: number;
  /** (posterior_high - posterior_low) / (prior_high - prior_low). */
  readonly width_ratio: number;
  readonly verdict: 'identified' | 'weakly identified' | 'not identified';
}

/** Below this width ratio a parameter counts as identified; at or above the second, as not. */
export const IDENTIFIED_BELOW = 0.5;
export const NOT_IDENTIFIED_FROM = 0.8;

const Z95 = 1.6448536269514722;

/** Central 90 % interval of a prior. */
export function priorInterval(p: Prior): [number, number] {
  switch (p.kind) {
    case 'uniform': {
      const w = p.max - p.min;
      return [p.min + 0.05 * w, p.max - 0.05 * w];
    }
    case 'normal':
      return [p.mean - Z95 * p.sd, p.mean + Z95 * p.sd];
    case 'lognormal':
      return [Math.exp(p.meanlog - Z95 * p.sdlog), Math.exp(p.meanlog + Z95 * p.sdlog)];
  }
}

function describePrior(p: Prior): string {
  switch (p.kind) {
    case 'uniform':
      return `uniform(${p.min}, ${p.max})`;
    case 'normal':
      return `normal(${p.mean}, ${p.sd})`;
    case 'lognormal':
      return `lognormal(${p.meanlog}, ${p.sdlog})`;
  }
}

export function verdictOf(ratio: number): IdentifiabilityRow['verdict'] {
  return ratio < IDENTIFIED_BELOW ? 'identified' : ratio < NOT_IDENTIFIED_FROM ? 'weakly identified' : 'not identified';
}

export function identifiability(priors: readonly Prior[], posterior: AbcGeneration): IdentifiabilityRow[] {
  return priors.map((p, j) => {
    const x = posterior.particles.map((row) => row[j]);
    const [lo, hi] = priorInterval(p);
    const plo = weightedQuantile(x, posterior.weights, 0.05);
    const phi = weightedQuantile(x, posterior.weights, 0.95);
    const ratio = (phi - plo) / (hi - lo);
    return {
      parameter: p.name,
      prior: describePrior(p),
      prior_low: lo,
      prior_high: hi,
      posterior_mean: weightedMean(x, posterior.weights),
      posterior_median: weightedQuantile(x, posterior.weights, 0.5),
      posterior_low: plo,
      posterior_high: phi,
      width_ratio: ratio,
      verdict: verdictOf(ratio),
    };
  });
}

/** Columns of the `identifiability` table (from the store's catalogue), in the order of IdentifiabilityRow. */
export const IDENTIFIABILITY_COLUMNS: readonly SqlColumn[] = IDENTIFIABILITY.columns;

export function identifiabilityCells(rows: readonly IdentifiabilityRow[]): (string | number)[][] {
  return rows.map((r) => IDENTIFIABILITY_COLUMNS.map((c) => r[c.name as keyof IdentifiabilityRow]));
}
