import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { prim } from '../../src/experiment/analysis/index.js';

function sample(n: number, d: number, rng: Rng): number[][] {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.random()));
}

const inBox = (u: readonly number[]) => u[0] >= 0.2 && u[0] <= 0.6 && u[1] >= 0.5 && u[1] <= 0.9;

describe('PRIM scenario discovery', () => {
  it('recovers a known box from noiseless data and leaves the irrelevant dimension alone', () => {
    const rng = new Rng(41);
    const x = sample(4000, 3, rng);
    const y = x.map((u) => inBox(u));
    const r = prim(x, y, { alpha: 0.05, minMass: 0.05 });
    const { limits } = r.box;
    console.log(`PRIM box: ${limits.map((l) => `[${l.lo.toFixed(3)}, ${l.hi.toFixed(3)}]`).join(' x ')}, density ${r.box.density.toFixed(3)}, coverage ${r.box.coverage.toFixed(3)}, mass ${r.box.mass.toFixed(3)}`);
    expect(Math.abs(limits[0].lo - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(limits[0].hi - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(limits[1].lo - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(limits[1].hi - 0.9)).toBeLessThan(0.03);
    expect(r.box.restricted).toEqual([0, 1]);
    expect(r.box.density).toBeGreaterThan(0.97);
    expect(r.box.coverage).toBeGreaterThan(0.9);
  });

  it('records a peeling trajectory of shrinking mass and its coverage/density trade-off', () => {
    const rng = new Rng(42);
    const x = sample(3000, 2, rng);
    // Noisy outcome: 80% yes inside the box, 10% outside.
    const y = x.map((u) => (rng.random() < (inBox(u) ? 0.8 : 0.1) ? 1 : 0));
    const r = prim(x, y, { alpha: 0.05, minMass: 0.05 });
    const t = r.trajectory;
    expect(t[0].mass).toBe(1);
    expect(t[0].coverage).toBe(1);
    for (let i = 1; i < t.length; i++) {
      expect(t[i].mass).toBeLessThan(t[i - 1].mass);
      expect(t[i].coverage).toBeLessThanOrEqual(t[i - 1].coverage);
      // Each peel removes about alpha of the box.
      expect(t[i].count).toBeGreaterThanOrEqual(Math.floor(0.94 * t[i - 1].count));
    }
    expect(t[t.length - 1].mass).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...t.map((b) => b.density))).toBeGreaterThan(0.7);
    // A target density picks the largest box reaching it.
    const target = prim(x, y, { targetDensity: 0.6, paste: false });
    expect(target.box.density).toBeGreaterThanOrEqual(0.6);
    expect(target.trajectory[target.selected - 1].density).toBeLessThan(0.6);
  });

  it('pasting never lowers the density of the selected box', () => {
    const rng = new Rng(43);
    const x = sample(2000, 3, rng);
    const y = x.map((u) => (rng.random() < (inBox(u) ? 0.9 : 0.05) ? 1 : 0));
    const peeled = prim(x, y, { paste: false });
    const pasted = prim(x, y);
    expect(pasted.box.density).toBeGreaterThanOrEqual(peeled.box.density - 1e-12);
    expect(pasted.box.count).toBeGreaterThanOrEqual(peeled.box.count);
  });

  it('checks its input', () => {
    expect(() => prim([], [])).toThrow(RangeError);
    expect(() => prim([[1]], [1, 0])).toThrow(RangeError);
  });
});
