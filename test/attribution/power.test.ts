import { describe, expect, it } from 'vitest';
import { binaryPaired, minimalDetectableEffect, pairedPrecision, studentQuantile, wilsonInterval } from '../../src/experiment/variance/power.js';

describe('minimal detectable effect', () => {
  it('is (z_0.975 + z_0.8) sd / sqrt(n): 0.28016 for sd 1 and 100 pairs', () => {
    expect(minimalDetectableEffect(1, 100)).toBeCloseTo((1.959964 + 0.841621) / 10, 5);
    expect(minimalDetectableEffect(0.5, 25)).toBeCloseTo(0.2801585, 5);
  });

  it('takes the paired differences of a proportion: 10 pairs up and 5 down in 100', () => {
    // Agresti-Min: cells + 1/2, n + 2 = 102; p_up = 10.5/102, p_down = 5.5/102.
    const pairs: [number, number][] = [
      ...Array.from({ length: 10 }, () => [0, 1] as [number, number]),
      ...Array.from({ length: 5 }, () => [1, 0] as [number, number]),
      ...Array.from({ length: 85 }, (_, i) => [i % 2, i % 2] as [number, number]),
    ];
    const p = binaryPaired(pairs);
    const pu = 10.5 / 102;
    const pd = 5.5 / 102;
    const sd = Math.sqrt(pu + pd - (pu - pd) ** 2);
    expect(p.mean).toBeCloseTo(0.05, 12);
    expect(p.sd).toBeCloseTo(sd, 12);
    expect(p.mde).toBeCloseTo((2.801585 * sd) / 10, 5);
    expect(p.low).toBeCloseTo(5 / 102 - (1.959964 * sd) / Math.sqrt(102), 5);
    expect(p.high).toBeCloseTo(5 / 102 + (1.959964 * sd) / Math.sqrt(102), 5);
  });

  it('does not collapse to zero when no pair disagrees', () => {
    const p = binaryPaired(Array.from({ length: 32 }, () => [0, 0] as [number, number]));
    expect(p.mean).toBe(0);
    expect(p.halfWidth).toBeCloseTo(1.959964 / 34, 5);
    expect(p.mde).toBeGreaterThan(0.05);
  });
});

describe('intervals', () => {
  it('Student t quantiles match the tables', () => {
    expect(studentQuantile(0.975, 10)).toBeCloseTo(2.228139, 3);
    expect(studentQuantile(0.975, 30)).toBeCloseTo(2.042272, 4);
    expect(studentQuantile(0.975, 4)).toBeCloseTo(2.776445, 2);
  });

  it('a paired t interval of known data', () => {
    const p = pairedPrecision([1, 2, 3, 4, 5]);
    expect(p.mean).toBe(3);
    expect(p.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(p.halfWidth).toBeCloseTo((2.776445 * Math.sqrt(2.5)) / Math.sqrt(5), 2);
  });

  it('Wilson interval of 0 in 10 and of 5 in 10', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.27753, 4);
    const [lo, hi] = wilsonInterval(5, 10);
    expect(lo).toBeCloseTo(0.23659, 4);
    expect(hi).toBeCloseTo(0.76341, 4);
  });
});
