import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { saltelliDesign, sobolAnalyze, type SobolIndices } from '../../src/experiment/analysis/index.js';
import { gFunction, gFunctionIndices, ishigami, ishigamiIndices } from './sensitivity-functions.js';

function table(r: SobolIndices, ref: { first: number[]; total: number[] }): string {
  const f = (x: number) => x.toFixed(4);
  return r.names
    .map((n, i) => {
      const s = r.first[i];
      const t = r.total[i];
      return `${n}: S=${f(s.estimate)} [${f(s.lo)}, ${f(s.hi)}] ref ${f(ref.first[i])} | ST=${f(t.estimate)} [${f(t.lo)}, ${f(t.hi)}] ref ${f(ref.total[i])}`;
    })
    .join('\n');
}

describe('Saltelli design', () => {
  it('lays out A, AB_1..AB_d, B per base sample from a 2d-dimensional Sobol sequence', () => {
    const d = 3;
    const s = saltelliDesign(8, d);
    expect(s.points.length).toBe(8 * (d + 2));
    for (let j = 0; j < 8; j++) {
      const a = s.points[j * (d + 2)];
      const b = s.points[j * (d + 2) + d + 1];
      for (let i = 0; i < d; i++) {
        const ab = s.points[j * (d + 2) + 1 + i];
        ab.forEach((v, k) => expect(v).toBe(k === i ? b[k] : a[k]));
      }
    }
    // The origin is skipped: the first A row is the second Sobol point.
    expect(s.points[0]).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('Sobol indices (Saltelli 2010 first order, Jansen total)', () => {
  it('recovers the Ishigami indices (a=7, b=0.1) within bootstrap CIs and 0.03', () => {
    const design = saltelliDesign(8192, 3);
    const y = design.points.map((u) => ishigami(u));
    const r = sobolAnalyze(design, y, { rng: new Rng(11), bootstrap: 300 });
    const ref = ishigamiIndices();
    console.log(`Ishigami, N=8192, ${y.length} runs\n${table(r, ref)}`);
    // The published rounded values follow from the analytical formulas.
    expect(ref.first.map((v) => +v.toFixed(3))).toEqual([0.314, 0.442, 0]);
    expect(ref.total.map((v) => +v.toFixed(3))).toEqual([0.558, 0.442, 0.244]);
    for (let i = 0; i < 3; i++) {
      for (const [est, truth] of [[r.first[i], ref.first[i]], [r.total[i], ref.total[i]]] as const) {
        expect(truth).toBeGreaterThanOrEqual(est.lo);
        expect(truth).toBeLessThanOrEqual(est.hi);
        expect(Math.abs(est.estimate - truth)).toBeLessThan(0.03);
      }
    }
    expect(r.warnings.filter((w) => w.code !== 'wide-interval')).toEqual([]);
    expect(r.convergence.map((c) => c.baseSamples)).toEqual([2048, 4096, 8192]);
    // Convergence: the error at N is no worse than at N/4 for the dominant total index.
    const err = (c: (typeof r.convergence)[number]) => Math.abs(c.total[0] - ref.total[0]);
    expect(err(r.convergence[2])).toBeLessThan(err(r.convergence[0]) + 0.01);
  });

  it('recovers the analytical G-function indices for a = [0, 1, 4.5, 9, 99, 99, 99, 99]', () => {
    const a = [0, 1, 4.5, 9, 99, 99, 99, 99];
    const design = saltelliDesign(4096, a.length);
    const y = design.points.map((u) => gFunction(u, a));
    const r = sobolAnalyze(design, y, { rng: new Rng(12), bootstrap: 200 });
    const ref = gFunctionIndices(a);
    console.log(`G-function, N=4096, ${y.length} runs\n${table(r, ref)}`);
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(r.first[i].estimate - ref.first[i])).toBeLessThan(0.03);
      expect(Math.abs(r.total[i].estimate - ref.total[i])).toBeLessThan(0.03);
      expect(ref.first[i]).toBeGreaterThanOrEqual(r.first[i].lo);
      expect(ref.first[i]).toBeLessThanOrEqual(r.first[i].hi);
      expect(ref.total[i]).toBeGreaterThanOrEqual(r.total[i].lo);
      expect(ref.total[i]).toBeLessThanOrEqual(r.total[i].hi);
    }
    // Ranking follows a: x1 > x2 > x3 > x4 > the rest.
    const order = r.total.map((t, i) => [t.estimate, i]).sort((p, q) => q[0] - p[0]).map(([, i]) => i);
    expect(order.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('warns about a small sample and reports wide intervals', () => {
    const design = saltelliDesign(48, 3);
    const r = sobolAnalyze(design, design.points.map((u) => ishigami(u)), { rng: new Rng(13), bootstrap: 100 });
    const codes = new Set(r.warnings.map((w) => w.code));
    expect(codes.has('small-sample')).toBe(true);
    expect(codes.has('not-power-of-two')).toBe(true);
    expect(codes.has('wide-interval')).toBe(true);
  });

  it('flags negative indices, first above total and a first-order sum above 1', () => {
    // Outputs that no function of x could produce, built per row role to break the estimators.
    const d = 2;
    const n = 2048;
    const design = saltelliDesign(n, d);
    const rng = new Rng(14);
    const y = new Array<number>(n * (d + 2));
    for (let j = 0; j < n; j++) {
      const fa = rng.normal();
      const fb = rng.normal();
      const base = j * (d + 2);
      y[base] = fa;
      y[base + d + 1] = fb;
      y[base + 1] = fa + fb; // S_1 ~ E[fb^2] / V = 1, S_T1 ~ 1/2
      y[base + 2] = fa + 1.5 * fb; // S_2 ~ 1.5, S_T2 ~ 1.125
    }
    const r = sobolAnalyze(design, y, { rng: new Rng(15), bootstrap: 200 });
    const codes = r.warnings.map((w) => `${w.code}:${w.factor ?? ''}`);
    expect(codes).toContain('first-exceeds-total:0');
    expect(codes).toContain('first-exceeds-total:1');
    expect(codes).toContain('sum-exceeds-one:');

    for (let j = 0; j < n; j++) y[j * (d + 2) + 1] = y[j * (d + 2)] - y[j * (d + 2) + d + 1]; // S_1 ~ -1
    const neg = sobolAnalyze(design, y, { rng: new Rng(16), bootstrap: 200 });
    expect(neg.warnings.map((w) => `${w.code}:${w.factor ?? ''}`)).toContain('negative-index:0');
  });

  it('reports zero variance instead of dividing by it', () => {
    const design = saltelliDesign(64, 2);
    const r = sobolAnalyze(design, design.points.map(() => 3), { rng: new Rng(17), bootstrap: 10 });
    expect(r.warnings.map((w) => w.code)).toEqual(['zero-variance']);
  });

  it('is deterministic in the bootstrap seed', () => {
    const design = saltelliDesign(256, 3);
    const y = design.points.map((u) => ishigami(u));
    const a = sobolAnalyze(design, y, { rng: new Rng(18), bootstrap: 50 });
    const b = sobolAnalyze(design, y, { rng: new Rng(18), bootstrap: 50 });
    expect(a).toEqual(b);
  });
});
