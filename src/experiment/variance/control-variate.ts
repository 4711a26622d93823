/**
 * The indicator of a new event, N, and the hazard compensator of the same run, A (see
 * compensator.ts), have the same expectation, so Z = N - A is a control variate whose mean is
 * known to be zero (a martingale control variate, Henderson and Glynn 2002). The adjusted value
 * N - beta Z, with beta = Cov(D_N, D_Z) / Var(D_Z) over the paired differences, keeps the
 * expectation and has the variance of the better linear mix of N and A: the indicator when the
 * event is common (A then spreads widely), close to A when it is rare (A then barely varies).
 * beta is estimated from the same pairs, which makes the interval a little optimistic for small
 * samples, as for any estimated control-variate coefficient.
 */

/** The coefficient that minimises Var(D - beta Z) over the paired differences; 0 when Z never varies. */
export function controlCoefficient(d: ArrayLike<number>, z: ArrayLike<number>): number {
  const n = d.length;
  if (n < 2) return 0;
  let md = 0;
  let mz = 0;
  for (let i = 0; i < n; i++) {
    md += d[i];
    mz += z[i];
  }
  md /= n;
  mz /= n;
  let cov = 0;
  let vz = 0;
  for (let i = 0; i < n; i++) {
    cov += (d[i] - md) * (z[i] - mz);
    vz += (z[i] - mz) ** 2;
  }
  return vz > 0 ? cov / vz : 0;
}

/**
 * Pairs (baseline, changed) of N adjusted by the control: value - beta (value - control), one
 * beta for both arms (fitted on the paired differences), so the adjusted difference of the means
 * is the mean of the adjusted differences.
 */
export function controlVariatePairs(values: readonly (readonly [number, number])[], controls: readonly (readonly [number, number])[]): [number, number][] {
  const d = values.map(([b, a]) => a - b);
  const z = values.map(([b, a], i) => a - controls[i][1] - (b - controls[i][0]));
  const beta = controlCoefficient(d, z);
  return values.map(([b, a], i) => [b - beta * (b - controls[i][0]), a - beta * (a - controls[i][1])]);
}
