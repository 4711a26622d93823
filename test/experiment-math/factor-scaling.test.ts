import { describe, expect, it } from 'vitest';
import { normalCdf, normalInverseCdf, scalePoint, scaleToFactors, scaleValue, fullFactorial } from '../../src/experiment/design/index.js';

// Reference values: scipy.stats (1.17.1) norm.ppf / norm.cdf / truncnorm / lognorm / triang.
describe('normal inverse CDF (Acklam)', () => {
  const cases: [number, number][] = [
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.1, -1.2815515655446004],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ];
  it.each(cases)('Phi^-1(%s) = %s within the 1.15e-9 relative error of Acklam', (p, x) => {
    expect(Math.abs(normalInverseCdf(p) - x)).toBeLessThanOrEqual(1.2e-9 * Math.max(1, Math.abs(x)));
  });
  it('handles the ends and invalid input', () => {
    expect(normalInverseCdf(0)).toBe(-Infinity);
    expect(normalInverseCdf(1)).toBe(Infinity);
    expect(normalInverseCdf(-0.1)).toBeNaN();
  });
});

describe('normal CDF', () => {
  const cases: [number, number][] = [
    [-8, 6.22096057427174e-16],
    [-6, 9.865876450376946e-10],
    [-3, 0.0013498980316300933],
    [-1, 0.15865525393145707],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [4.9, 0.9999995208167234],
    [5.1, 0.9999998301732593],
    [7, 0.9999999999987201],
  ];
  it.each(cases)('Phi(%s) = %s', (x, p) => {
    expect(Math.abs(normalCdf(x) - p)).toBeLessThanOrEqual(1e-14 + 1e-12 * p);
  });
  it('inverts the inverse CDF', () => {
    for (let p = 0.0005; p < 1; p += 0.0173) expect(normalCdf(normalInverseCdf(p))).toBeCloseTo(p, 9);
  });
});

describe('scaleToFactors', () => {
  it('maps uniform, log-uniform, integer and list factors', () => {
    expect(scaleValue(0.25, { kind: 'uniform', min: 2, max: 6 })).toBe(3);
    expect(scaleValue(0.5, { kind: 'uniform', min: 1, max: 100, log: true })).toBeCloseTo(10, 12);
    expect([0, 0.249, 0.25, 0.99].map((u) => scaleValue(u, { kind: 'integer', min: 1, max: 4 }))).toEqual([1, 1, 2, 4]);
    expect(scaleValue(1, { kind: 'integer', min: 1, max: 4 })).toBe(4);
    expect(scaleValue(0.7, { kind: 'list', values: ['a', 'b', 'c'] })).toBe('c');
  });

  it('gives each level of a factorial design its own list value', () => {
    const factors = [
      { name: 'regime', kind: 'list' as const, values: ['open', 'hybrid', 'closed'] },
      { name: 'police', kind: 'integer' as const, min: 0, max: 1 },
    ];
    const rows = scaleToFactors(fullFactorial([3, 2]), factors);
    expect(rows.map((r) => `${r.regime}/${r.police}`)).toEqual(['open/0', 'open/1', 'hybrid/0', 'hybrid/1', 'closed/0', 'closed/1']);
  });

  it('maps normal, truncated normal, lognormal and triangular by their inverse CDFs', () => {
    expect(scaleValue(0.975, { kind: 'normal', mean: 10, sd: 2 })).toBeCloseTo(10 + 2 * 1.959963984540054, 8);
    expect(scaleValue(0.3, { kind: 'normal', mean: 1, sd: 2, min: 0, max: 4 })).toBeCloseTo(0.9796163311741375, 8);
    expect(scaleValue(0.8, { kind: 'lognormal', meanlog: 1, sdlog: 0.5 })).toBeCloseTo(4.140475419145248, 8);
    expect(scaleValue(0.2, { kind: 'triangular', min: 1, mode: 3, max: 6 })).toBeCloseTo(2.4142135623730954, 12);
    expect(scaleValue(0.9, { kind: 'triangular', min: 1, mode: 3, max: 6 })).toBeCloseTo(4.7752551286084115, 12);
  });

  it('keeps truncated normals inside their bounds and unbounded ones finite at the ends', () => {
    for (const u of [0, 1e-12, 0.5, 1 - 1e-12, 1]) {
      const x = scaleValue(u, { kind: 'normal', mean: 0, sd: 1, min: -0.5, max: 2 }) as number;
      expect(x).toBeGreaterThanOrEqual(-0.5);
      expect(x).toBeLessThanOrEqual(2);
      expect(Number.isFinite(scaleValue(u, { kind: 'normal', mean: 0, sd: 1 }))).toBe(true);
    }
  });

  it('checks the point length', () => {
    expect(() => scalePoint([0.5], [])).toThrow(RangeError);
  });
});
