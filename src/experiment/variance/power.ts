import { normalInverseCdf } from '../design/normal.js';

/**
 * Precision of a paired (common random numbers) comparison: the mean of the per-replicate
 * differences, its 95 % confidence interval, and the minimal detectable effect at 80 % power,
 * MDE = (z_0.975 + z_0.8) sd / sqrt(n), the smallest true difference this many pairs would find
 * four times out of five with a two-sided 5 % test.
 */

export const Z_975 = normalInverseCdf(0.975);
export const Z_80 = normalInverseCdf(0.8);

export interface PairedPrecision {
  readonly n: number;
  /** Mean paired difference. */
  readonly mean: number;
  /** Standard deviation of the paired differences (for 0/1 outcomes: of the adjusted table, see binaryPaired). */
  readonly sd: number;
  readonly low: number;
  readonly high: number;
  readonly halfWidth: number;
  readonly mde: number;
}

/** MDE at 80 % power and 5 % two-sided level, from the paired differences' sd. */
export function minimalDetectableEffect(sd: number, n: number, alpha = 0.05, power = 0.8): number {
  if (n <= 0) return Infinity;
  return ((normalInverseCdf(1 - alpha / 2) + normalInverseCdf(power)) * sd) / Math.sqrt(n);
}

/**
 * Student t quantile by the Cornish-Fisher expansion around the normal one (Abramowitz and
 * Stegun 26.7.5): within 1e-3 of the exact value from 3 degrees of freedom on, which is plenty
 * for an interval; small samples get the wider interval they should.
 */
export function studentQuantile(p: number, dof: number): number {
  const z = normalInverseCdf(p);
  if (!Number.isFinite(dof) || dof > 1e7) return z;
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / dof + g2 / dof ** 2 + g3 / dof ** 3 + g4 / dof ** 4;
}

/** Mean, 95 % t interval and MDE of real-valued paired differences. */
export function pairedPrecision(diffs: ArrayLike<number>): PairedPrecision {
  const n = diffs.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, low: NaN, high: NaN, halfWidth: Infinity, mde: Infinity };
  let s = 0;
  for (let i = 0; i < n; i++) s += diffs[i];
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (diffs[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Infinity;
  const halfWidth = n > 1 ? (studentQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : Infinity;
  return { n, mean, sd, low: mean - halfWidth, high: mean + halfWidth, halfWidth, mde: minimalDetectableEffect(sd, n) };
}

/**
 * The same for 0/1 outcomes (did a new explosion happen?), where a plain Wald interval collapses
 * to zero width whenever no pair is discordant (sixteen runs without an explosion in either arm
 * prove nothing). Agresti and Min (2005): add one half to each cell of the paired 2x2 table, so
 * the interval and the MDE stay honest at the edges.
 */
export function binaryPaired(pairs: readonly (readonly [number, number])[]): PairedPrecision {
  const n = pairs.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, low: NaN, high: NaN, halfWidth: Infinity, mde: Infinity };
  let up = 0;
  let down = 0;
  for (const [b, a] of pairs) {
    if (a > b) up++;
    else if (a < b) down++;
  }
  const mean = (up - down) / n;
  const m = n + 2;
  const pu = (up + 0.5) / m;
  const pd = (down + 0.5) / m;
  const sd = Math.sqrt(pu + pd - (pu - pd) ** 2);
  const centre = (up - down) / m;
  const halfWidth = (Z_975 * sd) / Math.sqrt(m);
  return { n, mean, sd, low: Math.max(-1, centre - halfWidth), high: Math.min(1, centre + halfWidth), halfWidth, mde: minimalDetectableEffect(sd, n) };
}

/** Wilson's 95 % score interval of a proportion, k successes in n (sound at 0 and n). */
export function wilsonInterval(k: number, n: number, z = Z_975): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/** 95 % t interval of a mean. */
export function meanInterval(x: ArrayLike<number>): [number, number] {
  const p = pairedPrecision(x);
  return [p.low, p.high];
}
