import { describe, expect, it } from 'vitest';
import { outburstStats } from '../../src/experiment/series/outbursts.js';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { paperRun, series } from './lattice-builder.js';

/**
 * Run 2 (Epstein 2002, Figs. 2-8) over 3 seeds x 5,000 iterations, outbursts pooled. The paper
 * reports waiting times mean 60, s.d. 55, and total activation per outburst mean 708, s.d. 230.
 *
 * Tolerance bands: over 36 seeds of 5,000 iterations the per-seed wait mean ranged 47-86 and the
 * activation mean 519-942 (the dynamics have slow regimes, so seeds differ a lot). A 3-seed
 * pool then has a standard error of about 6 (waits) and 65 (activation); the bands are the
 * paper's values +- about 3 such errors. They fail for the paper's literal rules without
 * Epstein's (1 - T) grievance factor (pooled waits 41, activation 1,059 on these seeds) and for
 * a real-valued C / A (no outbursts at all).
 */
const SEEDS = [1, 2, 3];
const STEPS = 5000;

describe('Run 2: punctuated equilibrium', () => {
  const runs = SEEDS.map((seed) => series(new CivilViolenceModel(paperRun(2), seed), STEPS, ['active', 'jailed', 'tension']));
  const stats = runs.map((r) => outburstStats(r.active, 50));
  const waits = stats.flatMap((s) => s.waits);
  const activations = stats.flatMap((s) => s.activations);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

  it('outbursts keep coming through the whole run, separated by quiet spells', () => {
    for (const s of stats) {
      expect(s.count).toBeGreaterThan(30);
      expect(s.starts[0]).toBeLessThan(1000);
      expect(s.starts[s.starts.length - 1]).toBeGreaterThan(STEPS - 1000);
    }
    // Quiet most of the time: the median iteration has almost no actives.
    for (const r of runs) {
      const sorted = [...r.active].sort((a, b) => a - b);
      expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(10);
    }
  });

  it('waiting times: mean near 60, s.d. near 55', () => {
    expect(mean(waits)).toBeGreaterThan(45);
    expect(mean(waits)).toBeLessThan(80);
    expect(sd(waits)).toBeGreaterThan(35);
    expect(sd(waits)).toBeLessThan(80);
  });

  it('total activation per outburst: mean near 708, s.d. near 230', () => {
    expect(mean(activations)).toBeGreaterThan(500);
    expect(mean(activations)).toBeLessThan(920);
    expect(sd(activations)).toBeGreaterThan(120);
    expect(sd(activations)).toBeLessThan(340);
  });

  it('tension builds before outbursts (Fig. 8): higher just before one than just after', () => {
    let before = 0;
    let after = 0;
    let n = 0;
    runs.forEach((r, i) => {
      const s = stats[i];
      for (const start of s.starts) {
        let end = start;
        while (r.active[end + 1] > 50) end++;
        if (start < 5 || end + 5 >= STEPS) continue;
        before += r.tension[start - 3];
        after += r.tension[Math.min(end + 3, STEPS - 1)];
        n++;
      }
    });
    expect(n).toBeGreaterThan(100);
    expect(before / n).toBeGreaterThan(after / n);
  });
});
