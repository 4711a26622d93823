import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { fullFactorial, latinHypercube, minPairDistance2, monteCarlo } from '../../src/experiment/design/index.js';

describe('full factorial', () => {
  it('contains every combination of levels exactly once, at stratum centres', () => {
    const levels = [3, 2, 4];
    const p = fullFactorial(levels);
    expect(p.length).toBe(24);
    const keys = new Set(p.map((row) => row.map((u, j) => Math.floor(u * levels[j])).join(',')));
    expect(keys.size).toBe(24);
    for (const row of p) row.forEach((u, j) => expect((u * levels[j] - 0.5) % 1).toBeCloseTo(0, 12));
    expect(p[0]).toEqual([1 / 6, 1 / 4, 1 / 8]);
  });

  it('rejects non-integer level counts', () => {
    expect(() => fullFactorial([2, 0])).toThrow(RangeError);
    expect(() => fullFactorial([2.5])).toThrow(RangeError);
  });
});

describe('Latin hypercube', () => {
  const strataHitOnce = (p: number[][], n: number) =>
    p[0].every((_, j) => {
      const hits = new Uint8Array(n);
      for (const row of p) hits[Math.floor(row[j] * n)]++;
      return hits.every((h) => h === 1);
    });

  it('hits each of the n strata of each dimension exactly once', () => {
    const p = latinHypercube(50, 6, new Rng(1));
    expect(p.length).toBe(50);
    expect(strataHitOnce(p, 50)).toBe(true);
    expect(p.flat().every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it('centred variant sits on stratum midpoints', () => {
    const p = latinHypercube(10, 3, new Rng(2), { centred: true });
    expect(strataHitOnce(p, 10)).toBe(true);
    for (const u of p.flat()) expect((u * 10 - 0.5) % 1).toBeCloseTo(0, 12);
  });

  it('maximin keeps the candidate with the largest smallest distance', () => {
    const single = latinHypercube(20, 2, new Rng(3));
    const best = latinHypercube(20, 2, new Rng(3), { maximinCandidates: 30 });
    expect(strataHitOnce(best, 20)).toBe(true);
    expect(minPairDistance2(best)).toBeGreaterThan(minPairDistance2(single));
  });

  it('is deterministic in the seed', () => {
    expect(latinHypercube(8, 3, new Rng(4))).toEqual(latinHypercube(8, 3, new Rng(4)));
    expect(latinHypercube(8, 3, new Rng(4))).not.toEqual(latinHypercube(8, 3, new Rng(5)));
  });
});

describe('Monte Carlo design', () => {
  it('is uniform: mean 1/2 and variance 1/12 per dimension', () => {
    const p = monteCarlo(20000, 3, new Rng(6));
    for (let j = 0; j < 3; j++) {
      const col = p.map((r) => r[j]);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length;
      expect(Math.abs(m - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(v - 1 / 12)).toBeLessThan(0.003);
    }
  });
});
