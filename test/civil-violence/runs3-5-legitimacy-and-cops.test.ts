import { describe, expect, it } from 'vitest';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { paperRun, series } from './lattice-builder.js';

const SEEDS = [1, 2, 3];
const max = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -Infinity);
const maxRise = (xs: number[]) => xs.slice(1).reduce((m, x, i) => Math.max(m, x - xs[i]), 0);

describe('Runs 3 and 4: how legitimacy falls matters more than how far (Figs. 9, 10)', () => {
  const gradual = SEEDS.map((s) => series(new CivilViolenceModel(paperRun(3), s), 300, ['active', 'jailed', 'legitimacy']));
  const sudden = SEEDS.map((s) => series(new CivilViolenceModel(paperRun(4), s), 150, ['active', 'jailed', 'legitimacy']));

  it('the schedules do what the paper says: 0.9 to 0 in steps of 0.01 every 3, or 0.9 to 0.65 at 75', () => {
    const L = gradual[0].legitimacy;
    expect(L[2 - 1]).toBeCloseTo(0.9, 12);
    expect(L[3 - 1]).toBeCloseTo(0.89, 12);
    expect(L[270 - 1]).toBe(0);
    expect(sudden[0].legitimacy[74 - 1]).toBe(0.9);
    expect(sudden[0].legitimacy[75 - 1]).toBe(0.65);
  });

  it('gradual fall to 0: no spike of actives, the jail fills smoothly', () => {
    for (const r of gradual) {
      expect(max(r.active)).toBeLessThan(50);
      expect(r.jailed[r.jailed.length - 1]).toBeGreaterThan(300);
      // No more than ~3% of the 1,120 citizens jailed in any one iteration.
      expect(maxRise(r.jailed)).toBeLessThan(40);
    }
  });

  it('a smaller fall in one jump: an explosion of actives right after the jump', () => {
    for (const r of sudden) {
      const peak = max(r.active);
      expect(peak).toBeGreaterThan(200);
      expect(r.active.indexOf(peak)).toBeGreaterThanOrEqual(74);
      expect(r.active.indexOf(peak)).toBeLessThan(90);
      expect(max(r.active.slice(0, 74))).toBeLessThan(20);
      // Every cop makes an arrest in the same iteration.
      expect(maxRise(r.jailed)).toBeGreaterThanOrEqual(100);
    }
  });
});

describe('Run 5: withdrawing cops tips society into rebellion (Fig. 11)', () => {
  it('cops falling from 0.06 bring a burst of actives that a steady 0.06 never sees', () => {
    for (const seed of SEEDS) {
      const falling = series(new CivilViolenceModel(paperRun(5), seed), 100, ['active', 'cops']);
      const steady = series(new CivilViolenceModel(paperRun(5, { schedule: [{ param: 'cops.density', at: 0, value: 0.06 }] }), seed), 100, ['active', 'cops']);
      expect(steady.cops[99]).toBe(96);
      expect(falling.cops[0]).toBe(94); // 0.06 - 0.001 = 0.059 after the first iteration: floor(94.4)
      expect(falling.cops[99]).toBe(0);
      const peak = max(falling.active);
      expect(peak).toBeGreaterThan(150);
      // The rebellion comes once cops are well below their start, not at the start.
      expect(falling.cops[falling.active.indexOf(peak)]).toBeLessThan(80);
      expect(max(steady.active)).toBeLessThan(30);
    }
  });
});
