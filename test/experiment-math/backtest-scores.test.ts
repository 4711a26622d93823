import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import {
  backtest,
  centralInterval,
  crpsEnsemble,
  intervalCoverage,
  intervalScore,
  scoreEnsembles,
  scorePersistence,
} from '../../src/experiment/analysis/index.js';

/** The O(m^2) definition, to check the sorted O(m log m) form against. */
function crpsByDefinition(x: number[], y: number, fair = false): number {
  const m = x.length;
  let a = 0;
  let b = 0;
  for (const xi of x) {
    a += Math.abs(xi - y);
    for (const xj of x) b += Math.abs(xi - xj);
  }
  return a / m - (0.5 * b) / (fair ? m * (m - 1) : m * m);
}

describe('CRPS of an ensemble', () => {
  it('equals the absolute error for a point forecast', () => {
    expect(crpsEnsemble([3], 5)).toBe(2);
    expect(crpsEnsemble([3], 5, { fair: true })).toBe(2);
    expect(crpsEnsemble([4, 4, 4], 1)).toBeCloseTo(3, 14);
  });

  it('matches hand-computed values', () => {
    // {0, 2} vs 1: E|X-y| = 1, E|X-X'| = (0+2+2+0)/4 = 1 -> 0.5; fair: 4/2 = 2 -> 0.
    expect(crpsEnsemble([0, 2], 1)).toBeCloseTo(0.5, 14);
    expect(crpsEnsemble([0, 2], 1, { fair: true })).toBeCloseTo(0, 14);
    // {1, 2, 6} vs 3: E|X-y| = 6/3 = 2; sum|xi-xj| = 2(1+5+4) = 20 -> 20/18 = 1.111...
    expect(crpsEnsemble([6, 1, 2], 3)).toBeCloseTo(2 - 10 / 9, 14);
  });

  it('agrees with the double-sum definition on random ensembles', () => {
    const rng = new Rng(31);
    for (let k = 0; k < 20; k++) {
      const x = Array.from({ length: 1 + rng.int(30) }, () => rng.normal(0, 3));
      const y = rng.normal();
      expect(crpsEnsemble(x, y)).toBeCloseTo(crpsByDefinition(x, y), 10);
      if (x.length > 1) expect(crpsEnsemble(x, y, { fair: true })).toBeCloseTo(crpsByDefinition(x, y, true), 10);
    }
  });

  it('of a N(0,1) ensemble at 0 tends to (sqrt 2 - 1)/sqrt pi = 0.2337', () => {
    const target = (Math.SQRT2 - 1) / Math.sqrt(Math.PI);
    expect(target).toBeCloseTo(0.2337, 4);
    const rng = new Rng(32);
    const x = Array.from({ length: 100_000 }, () => rng.normal());
    expect(Math.abs(crpsEnsemble(x, 0) - target)).toBeLessThan(0.005);
    expect(Math.abs(crpsEnsemble(x, 0, { fair: true }) - target)).toBeLessThan(0.005);
  });

  it('fair CRPS is unbiased for small ensembles where the plain one is not', () => {
    const target = (Math.SQRT2 - 1) / Math.sqrt(Math.PI);
    const rng = new Rng(33);
    let plain = 0;
    let fair = 0;
    const reps = 20_000;
    for (let r = 0; r < reps; r++) {
      const x = Array.from({ length: 4 }, () => rng.normal());
      plain += crpsEnsemble(x, 0) / reps;
      fair += crpsEnsemble(x, 0, { fair: true }) / reps;
    }
    expect(Math.abs(fair - target)).toBeLessThan(0.01);
    // Plain CRPS of m members overstates by E|X-X'| / (2m) = (2/sqrt(pi)) / 8 = 0.141.
    expect(plain - target).toBeCloseTo(2 / Math.sqrt(Math.PI) / 8, 1);
  });
});

describe('interval score and coverage', () => {
  it('is the width plus 2/alpha times the miss (Gneiting & Raftery 2007)', () => {
    expect(intervalScore(1, 3, 2, 0.1)).toBe(2);
    expect(intervalScore(1, 3, 0, 0.1)).toBeCloseTo(2 + 20 * 1, 12);
    expect(intervalScore(1, 3, 4.5, 0.2)).toBeCloseTo(2 + 10 * 1.5, 12);
  });

  it('uses type-7 quantiles for the central interval', () => {
    const ens = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const [lo, hi] = centralInterval(ens, 0.8);
    expect(lo).toBeCloseTo(2, 12);
    expect(hi).toBeCloseTo(10, 12);
    expect(centralInterval([0, 10], 0.5)).toEqual([2.5, 7.5]);
  });

  it('counts the share of observations inside central intervals', () => {
    const ens = [[0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [10, 11, 12, 13, 14], [5, 5, 5, 5, 5]];
    // Inside: 2 in [1,3], 12 in [11,13], 5 in [5,5]; 4.5 is outside [1,3].
    expect(intervalCoverage(ens, [2, 4.5, 12, 5], 0.5)).toBe(0.75);
  });

  it('a calibrated ensemble covers about p of the observations', () => {
    const rng = new Rng(34);
    const ensembles: number[][] = [];
    const obs: number[] = [];
    for (let t = 0; t < 2000; t++) {
      const mu = rng.normal(0, 5);
      ensembles.push(Array.from({ length: 200 }, () => rng.normal(mu, 1)));
      obs.push(rng.normal(mu, 1));
    }
    expect(Math.abs(intervalCoverage(ensembles, obs, 0.9) - 0.9)).toBeLessThan(0.025);
  });
});

describe('back-test against persistence', () => {
  it('scores persistence as a point forecast', () => {
    const s = scorePersistence(10, [10, 12, 7], { alpha: 0.1 });
    expect(s.crps).toBeCloseTo((0 + 2 + 3) / 3, 12);
    expect(s.mae).toBeCloseTo(5 / 3, 12);
    expect(s.coverage).toBeCloseTo(1 / 3, 12);
    expect(s.intervalScore).toBeCloseTo((0 + 20 * 2 + 20 * 3) / 3, 12);
  });

  it('gives a good ensemble positive CRPS skill over persistence', () => {
    const rng = new Rng(35);
    const truth = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    const obs = truth.map((v) => v + rng.normal());
    const ensembles = truth.map((v) => Array.from({ length: 100 }, () => v + rng.normal()));
    const r = backtest(ensembles, obs, 8, { alpha: 0.1 });
    expect(r.crpsSkill).toBeGreaterThan(0.9);
    expect(r.model.crps).toBeLessThan(r.persistence.crps);
    const direct = scoreEnsembles(ensembles, obs);
    expect(direct).toEqual(r.model);
  });

  it('checks lengths', () => {
    expect(() => scoreEnsembles([[1]], [1, 2])).toThrow(RangeError);
  });
});
