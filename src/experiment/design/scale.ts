import { levelOf } from './factorial.js';
import { normalCdf, normalInverseCdf } from './normal.js';

export type FactorValue = number | string | boolean;

/** How a unit coordinate u in [0,1) becomes a factor value (by the inverse CDF of the distribution). */
export type FactorDistribution =
  /** Continuous uniform on [min, max]; with `log`, uniform in log space (min > 0). */
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number; readonly log?: boolean }
  /** Integers min..max inclusive, equally likely. */
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  /** One of the listed values, equally likely (levels of a factorial design map to them in order). */
  | { readonly kind: 'list'; readonly values: readonly FactorValue[] }
  /** Normal, truncated to [min, max] when either bound is given. */
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number; readonly min?: number; readonly max?: number }
  /** exp(N(meanlog, sdlog^2)). */
  | { readonly kind: 'lognormal'; readonly meanlog: number; readonly sdlog: number }
  | { readonly kind: 'triangular'; readonly min: number; readonly mode: number; readonly max: number };

export type FactorSpec = { readonly name: string } & FactorDistribution;

// Keeps the inverse CDF of unbounded distributions finite at the Sobol origin and at u -> 1.
const U_MIN = 2 ** -53;
const U_MAX = 1 - 2 ** -53;

/** The value of one factor at unit coordinate u. */
export function scaleValue(u: number, f: FactorDistribution): FactorValue {
  switch (f.kind) {
    case 'uniform':
      if (f.log) return Math.exp(Math.log(f.min) + u * (Math.log(f.max) - Math.log(f.min)));
      return f.min + u * (f.max - f.min);
    case 'integer':
      return f.min + levelOf(u, f.max - f.min + 1);
    case 'list':
      return f.values[levelOf(u, f.values.length)];
    case 'normal': {
      const lo = f.min === undefined ? 0 : normalCdf((f.min - f.mean) / f.sd);
      const hi = f.max === undefined ? 1 : normalCdf((f.max - f.mean) / f.sd);
      const x = f.mean + f.sd * normalInverseCdf(clampUnit(lo + u * (hi - lo)));
      // Rounding in the CDF can step a hair outside the truncation bounds.
      return Math.min(f.max ?? Infinity, Math.max(f.min ?? -Infinity, x));
    }
    case 'lognormal':
      return Math.exp(f.meanlog + f.sdlog * normalInverseCdf(clampUnit(u)));
    case 'triangular': {
      const { min: a, mode: c, max: b } = f;
      const fc = (c - a) / (b - a);
      return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
  }
}

function clampUnit(u: number): number {
  return u < U_MIN ? U_MIN : u > U_MAX ? U_MAX : u;
}

/** One design point (unit coordinates, one per factor) as factor values in factor order. */
export function scalePoint(u: readonly number[], factors: readonly FactorDistribution[]): FactorValue[] {
  if (u.length !== factors.length) throw new RangeError(`scalePoint: point has ${u.length} coordinates for ${factors.length} factors`);
  return factors.map((f, j) => scaleValue(u[j], f));
}

/** Every design point as a record from factor name to value. */
export function scaleToFactors(points: readonly (readonly number[])[], factors: readonly FactorSpec[]): Record<string, FactorValue>[] {
  return points.map((u) => {
    const values = scalePoint(u, factors);
    const row: Record<string, FactorValue> = {};
    factors.forEach((f, j) => (row[f.name] = values[j]));
    return row;
  });
}
