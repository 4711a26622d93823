import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { randomBelow } from '../../src/engine/random-below.js';

describe('randomBelow', () => {
  it('is uniform over 0..n-1 (chi-square) and never out of range', () => {
    const rng = new Rng(11);
    for (const n of [2, 7, 8, 31, 149]) {
      const counts = new Array(n).fill(0);
      const draws = 2000 * n;
      for (let i = 0; i < draws; i++) {
        const x = randomBelow(rng, n);
        expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
        counts[x]++;
      }
      const e = draws / n;
      const chi2 = counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
      // df = n - 1; mean df, sd sqrt(2 df): 5 sd above is a failure, not chance.
      expect(chi2).toBeLessThan(n - 1 + 5 * Math.sqrt(2 * (n - 1)));
    }
  });

  it('is deterministic for a seed and falls back to Rng.int beyond 2^21', () => {
    const a = new Rng(4);
    const b = new Rng(4);
    for (let i = 0; i < 100; i++) expect(randomBelow(a, 1000)).toBe(randomBelow(b, 1000));
    const x = randomBelow(a, 5_000_000);
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThan(5_000_000);
  });

  it('Rng.drawsBelow makes the very draws of randomBelow(n), randomBelow(n - 1), ..., and leaves the same state', () => {
    for (const [n, count] of [[1, 1], [7, 7], [29600, 4096], [2097152, 5000]] as const) {
      const batched = new Rng(9, n);
      const oneByOne = new Rng(9, n);
      const out = new Int32Array(count);
      batched.drawsBelow(out, n, count);
      const expected = Int32Array.from({ length: count }, (_, k) => randomBelow(oneByOne, n - k));
      expect(out).toEqual(expected);
      expect(batched.getState()).toEqual(oneByOne.getState());
    }
    expect(() => new Rng(1).drawsBelow(new Int32Array(1), 2097153, 1)).toThrow(/unsupported/);
  });
});
