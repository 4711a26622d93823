import { describe, expect, it } from 'vitest';
import { rSquared } from '../../bench/aftermath-spark-controls.js';

describe('the spark-control measurement', () => {
  it('computes the R^2 of a least-squares fit as numpy does', () => {
    const y = [1, 0, 0, 1, 1, 0, 1, 0];
    const x1 = [0.5, -1, 0.2, 2, 1, -0.3, 0.1, -2];
    const x2 = [1, 2, 0, 1, 3, 1, 0, 2];
    // numpy.linalg.lstsq on [1, x1, x2]: 1 - var(residual) / var(y) = 0.5562301744647106
    expect(rSquared(y, [x1, x2])).toBeCloseTo(0.5562301744647106, 12);
    expect(rSquared(x1.map((v) => 3 * v - 1), [x1])).toBeCloseTo(1, 12);
    // a constant column explains nothing and must not break the solve
    expect(rSquared(y, [y.map(() => 2)])).toBeCloseTo(0, 12);
  });
});
