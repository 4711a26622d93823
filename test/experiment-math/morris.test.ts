import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { morrisAnalyze, morrisDesign } from '../../src/experiment/analysis/index.js';
import { ishigami } from './sensitivity-functions.js';

describe('Morris trajectory design', () => {
  it('moves each factor exactly once per trajectory by +-delta on the p-level grid', () => {
    const k = 5;
    const p = 6;
    const d = morrisDesign(k, 20, new Rng(21), { levels: p });
    expect(d.delta).toBeCloseTo(p / (2 * (p - 1)), 15);
    expect(d.points.length).toBe(20 * (k + 1));
    for (const u of d.points.flat()) {
      expect(Math.abs(u * (p - 1) - Math.round(u * (p - 1)))).toBeLessThan(1e-12);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThanOrEqual(1);
    }
    for (let t = 0; t < 20; t++) {
      const moved = new Set<number>();
      for (let s = 1; s <= k; s++) {
        const prev = d.points[t * (k + 1) + s - 1];
        const cur = d.points[t * (k + 1) + s];
        const diff = cur.map((v, j) => v - prev[j]);
        const changed = diff.flatMap((v, j) => (Math.abs(v) > 1e-12 ? [j] : []));
        expect(changed.length).toBe(1);
        expect(Math.abs(diff[changed[0]])).toBeCloseTo(d.delta, 12);
        expect(d.changed[t * (k + 1) + s]).toBe(changed[0]);
        moved.add(changed[0]);
      }
      expect(moved.size).toBe(k);
    }
  });

  it('rejects odd level counts', () => {
    expect(() => morrisDesign(3, 4, new Rng(1), { levels: 5 })).toThrow(RangeError);
  });
});

describe('Morris elementary effects', () => {
  it('recovers the exact effects of a linear function', () => {
    const d = morrisDesign(3, 10, new Rng(22));
    const y = d.points.map((u) => 2 * u[0] - 5 * u[1] + 0 * u[2]);
    const r = morrisAnalyze(d, y);
    expect(r[0].mu).toBeCloseTo(2, 12);
    expect(r[1].mu).toBeCloseTo(-5, 12);
    expect(r[1].muStar).toBeCloseTo(5, 12);
    expect(r[1].sigma).toBeCloseTo(0, 12);
    expect(r[2].muStar).toBe(0);
  });

  it('ranks the Ishigami factors: x1, x2 above x3 by mu*, x3 acting only in interaction', () => {
    const d = morrisDesign(3, 1000, new Rng(23));
    const y = d.points.map((u) => ishigami(u));
    const r = morrisAnalyze(d, y, { names: ['x1', 'x2', 'x3'], bootstrap: 500, rng: new Rng(24) });
    console.log(r.map((f) => `${f.name}: mu=${f.mu.toFixed(3)} mu*=${f.muStar.toFixed(3)} [${f.muStarCi![0].toFixed(3)}, ${f.muStarCi![1].toFixed(3)}] sigma=${f.sigma.toFixed(3)}`).join('\n'));
    expect(r[0].muStarCi![0]).toBeGreaterThan(r[2].muStarCi![1]);
    expect(r[1].muStarCi![0]).toBeGreaterThan(r[2].muStarCi![1]);
    // x3's effect flips sign with sin(x1): mean effect near 0, sigma above mu*.
    expect(r[2].sigma / r[2].muStar).toBeGreaterThan(1.2);
    expect(Math.abs(r[2].mu)).toBeLessThan(0.2 * r[2].muStar);
    expect(r[2].sigma / r[2].muStar).toBeGreaterThan(r[0].sigma / r[0].muStar);
    for (const f of r) {
      expect(f.muStarCi![0]).toBeLessThanOrEqual(f.muStar);
      expect(f.muStarCi![1]).toBeGreaterThanOrEqual(f.muStar);
    }
  });

  it('checks the output count', () => {
    const d = morrisDesign(2, 3, new Rng(25));
    expect(() => morrisAnalyze(d, [1, 2])).toThrow(RangeError);
  });
});
