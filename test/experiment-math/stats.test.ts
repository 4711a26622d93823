import { describe, expect, it } from 'vitest';
import {
  cholesky,
  invertFromCholesky,
  effectiveSampleSize,
  mean,
  quantile,
  quantiles,
  sd,
  variance,
  weightedCovariance,
  weightedQuantile,
} from '../../src/experiment/analysis/index.js';

describe('statistics helpers', () => {
  const x = [3.1, -2, 7.5, 0.4, 10, 2.2, 5];

  it('quantiles are type 7, as numpy.quantile and R quantile()', () => {
    // numpy.quantile(x, p) for numpy 2.x.
    const expected = [-2, -0.5599999999999997, 1.3, 3.1, 8.5, 10];
    quantiles(x, [0, 0.1, 0.25, 0.5, 0.9, 1]).forEach((q, i) => expect(q).toBeCloseTo(expected[i], 12));
    expect(quantile([5], 0.3)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('mean, variance and sd', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 14);
    expect(variance([1, 2, 3, 4], 0)).toBeCloseTo(1.25, 14);
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9], 0)).toBe(2);
  });

  it('weighted quantile inverts the weighted empirical CDF', () => {
    expect(weightedQuantile([1, 2, 3], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 3], [1, 1, 8], 0.5)).toBe(3);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.5)).toBe(1);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 0.51)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [0.2, 0.5, 0.3], 1)).toBe(3);
  });

  it('weighted covariance matches numpy.cov(aweights=w, bias=True)', () => {
    const c = weightedCovariance([[1, 2], [2, 1], [3, 5], [4, 3]], [1, 2, 3, 4]);
    expect(c[0][0]).toBeCloseTo(1, 12);
    expect(c[0][1]).toBeCloseTo(0.6, 12);
    expect(c[1][0]).toBeCloseTo(0.6, 12);
    expect(c[1][1]).toBeCloseTo(2.09, 12);
  });

  it('effective sample size', () => {
    expect(effectiveSampleSize([1, 1, 1, 1])).toBe(4);
    expect(effectiveSampleSize([1, 0, 0, 0])).toBe(1);
  });

  it('Cholesky factor reproduces the matrix and rejects indefinite ones', () => {
    const m = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]];
    const l = cholesky(m);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += l[i][k] * l[j][k];
        expect(s).toBeCloseTo(m[i][j], 12);
      }
    }
    expect(l[0][1]).toBe(0);
    const inv = invertFromCholesky(l);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += m[i][k] * inv[k][j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow(RangeError);
  });
});
