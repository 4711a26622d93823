import { describe, expect, it } from 'vitest';
import { SOBOL_MAX_DIMENSION, SobolSequence, sobolSequence } from '../../src/experiment/design/index.js';

// Reference points from scipy.stats.qmc.Sobol(d, scramble=False, bits=32) (scipy 1.17.1), which
// uses the same new-joe-kuo-6.21201 direction numbers.
describe('Sobol sequence (Joe-Kuo direction numbers)', () => {
  it('starts with the published first points of dimensions 1-3', () => {
    const p = sobolSequence(5, 3);
    expect(p).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
    ]);
  });

  it('matches scipy in high dimensions and late points', () => {
    expect(SOBOL_MAX_DIMENSION).toBeGreaterThanOrEqual(1024);
    const p = sobolSequence(1024, 1024);
    expect(p[999].slice(1020)).toEqual([0.1376953125, 0.7314453125, 0.3251953125, 0.0263671875]);
    expect(p[517].slice(60, 64)).toEqual([0.8310546875, 0.9833984375, 0.9794921875, 0.1669921875]);
    expect(p[1023].slice(0, 8)).toEqual([0.0009765625, 0.7529296875, 0.6123046875, 0.1455078125, 0.1865234375, 0.4384765625, 0.1396484375, 0.6181640625]);
    expect([9, 99, 299, 511, 1023].map((j) => p[5][j])).toEqual([0.125, 0.375, 0.125, 0.875, 0.375]);
    expect(p[999].reduce((a, b) => a + b, 0)).toBeCloseTo(506.521484375, 9);
  });

  it('skipFirst drops the origin, as SALib does', () => {
    const p = sobolSequence(3, 2, { skipFirst: true });
    expect(p[0]).toEqual([0.5, 0.5]);
    const seq = new SobolSequence(2);
    seq.skip(3);
    expect(seq.position).toBe(3);
    expect(seq.next()).toEqual([0.25, 0.75]);
  });

  it('stratifies every one of 1024 dimensions perfectly in the first 2^10 points', () => {
    const m = 10;
    const p = sobolSequence(2 ** m, 1024);
    for (let j = 0; j < 1024; j++) {
      const hits = new Uint8Array(2 ** m);
      for (const row of p) hits[Math.floor(row[j] * 2 ** m)]++;
      expect(hits.every((h) => h === 1), `dimension ${j + 1}`).toBe(true);
    }
  });

  it('is a (0,m,2)-net in its first two dimensions: one point in every elementary box', () => {
    const m = 8;
    const p = sobolSequence(2 ** m, 2);
    for (let a = 0; a <= m; a++) {
      const b = m - a;
      const counts = new Map<string, number>();
      for (const [x, y] of p) {
        const key = `${Math.floor(x * 2 ** a)},${Math.floor(y * 2 ** b)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size, `boxes 2^-${a} x 2^-${b}`).toBe(2 ** m);
    }
  });

  it('keeps every two-dimensional projection of the first 16 dimensions balanced on 4x4 grids', () => {
    // A (t,m,2)-net with t <= m - 4 puts 2^(m-4) points in each 1/4 x 1/4 square.
    const m = 10;
    const p = sobolSequence(2 ** m, 16);
    for (let j = 0; j < 16; j++) {
      for (let k = j + 1; k < 16; k++) {
        const counts = new Array<number>(16).fill(0);
        for (const row of p) counts[Math.floor(row[j] * 4) * 4 + Math.floor(row[k] * 4)]++;
        expect(counts.every((c) => c === 2 ** (m - 4)), `dims ${j + 1},${k + 1}`).toBe(true);
      }
    }
  });

  it('rejects unsupported dimensions', () => {
    expect(() => sobolSequence(1, 0)).toThrow(RangeError);
    expect(() => sobolSequence(1, SOBOL_MAX_DIMENSION + 1)).toThrow(RangeError);
  });
});
