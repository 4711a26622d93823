import { describe, expect, it } from 'vitest';
import { outburstStats } from '../../src/experiment/series/outbursts.js';

describe('outburstStats (Epstein 2002 definitions)', () => {
  it('finds maximal runs above the threshold, their activation, peak and the waits between', () => {
    //              0  1   2   3   4  5  6  7   8   9  10 11  12
    const active = [0, 60, 80, 51, 50, 0, 0, 0, 70, 90, 0, 0, 55, 3];
    const s = outburstStats(active, 50);
    expect(s.count).toBe(3);
    expect(s.starts).toEqual([1, 8, 12]);
    expect(s.activations).toEqual([60 + 80 + 51, 70 + 90, 55]);
    expect(s.peaks).toEqual([80, 90, 55]);
    // Ends at 3, next starts at 8: iterations 4..7 are the wait (50 is not above 50).
    expect(s.waits).toEqual([4, 2]);
    expect(s.waitMean).toBe(3);
    expect(s.waitSd).toBeCloseTo(Math.SQRT2, 12);
    expect(s.activationMean).toBeCloseTo((191 + 160 + 55) / 3, 12);
    expect(s.peakMean).toBeCloseTo(75, 12);
  });

  it('leaves out outbursts cut by the ends of the series unless asked not to', () => {
    const active = [100, 90, 0, 0, 70, 0, 80, 80];
    const dropped = outburstStats(active);
    expect(dropped.count).toBe(1);
    expect(dropped.activations).toEqual([70]);
    expect(dropped.waits).toEqual([]);
    expect(Number.isNaN(dropped.waitMean)).toBe(true);
    const kept = outburstStats(active, 50, { dropTruncated: false });
    expect(kept.activations).toEqual([190, 70, 160]);
    expect(kept.waits).toEqual([2, 1]);
  });

  it('honours another threshold', () => {
    expect(outburstStats([0, 5, 6, 0, 7, 0], 4).activations).toEqual([11, 7]);
    expect(outburstStats([0, 5, 6, 0, 7, 0], 6).activations).toEqual([7]);
  });
});
