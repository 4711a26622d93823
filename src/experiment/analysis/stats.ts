/** Small descriptive statistics shared by the analyses. Quantiles follow R type 7 / numpy "linear". */

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample variance with `ddof` degrees of freedom removed (1: unbiased, 0: population). */
export function variance(x: ArrayLike<number>, ddof = 1): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / (x.length - ddof);
}

export function sd(x: ArrayLike<number>, ddof = 1): number {
  return Math.sqrt(variance(x, ddof));
}

/** Type-7 quantile of already sorted (ascending) values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/** Type-7 quantile (R's default, numpy's "linear"). */
export function quantile(x: ArrayLike<number>, p: number): number {
  return quantileSorted(sortedCopy(x), p);
}

export function quantiles(x: ArrayLike<number>, ps: readonly number[]): number[] {
  const s = sortedCopy(x);
  return ps.map((p) => quantileSorted(s, p));
}

export function weightedMean(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    s += w[i] * x[i];
    sw += w[i];
  }
  return s / sw;
}

/**
 * Weighted quantile: the smallest x whose cumulative normalised weight reaches p (the inverse
 * of the weighted empirical CDF), which reduces to the type-1 quantile for equal weights.
 */
export function weightedQuantile(x: ArrayLike<number>, w: ArrayLike<number>, p: number): number {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  let cum = 0;
  for (const i of order) {
    cum += w[i] / total;
    if (cum >= p - 1e-12) return x[i];
  }
  return x[order[order.length - 1]];
}

/** Weighted covariance matrix of rows (observations) with normalised weights, no bias correction. */
export function weightedCovariance(rows: readonly (readonly number[])[], w: ArrayLike<number>): number[][] {
  const d = rows.length ? rows[0].length : 0;
  let total = 0;
  for (let i = 0; i < rows.length; i++) total += w[i];
  const mu = new Array<number>(d).fill(0);
  for (let i = 0; i < rows.length; i++) for (let j = 0; j < d; j++) mu[j] += (w[i] / total) * rows[i][j];
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < rows.length; i++) {
    const wi = w[i] / total;
    for (let a = 0; a < d; a++) {
      const da = rows[i][a] - mu[a];
      for (let b = 0; b <= a; b++) cov[a][b] += wi * da * (rows[i][b] - mu[b]);
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) cov[b][a] = cov[a][b];
  return cov;
}

/** Kish's effective sample size (sum w)^2 / sum w^2. */
export function effectiveSampleSize(w: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    s2 += w[i] * w[i];
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}
