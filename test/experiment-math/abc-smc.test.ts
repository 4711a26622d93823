import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import {
  AbcSmc,
  batchSimulator,
  rangeDistance,
  runAbcSmc,
  scaledEuclideanDistance,
  weightedMean,
  type AbcSmcOptions,
} from '../../src/experiment/analysis/index.js';

// Conjugate normal model: x_1..x_n ~ N(mu, sigma^2) with sigma known, prior mu ~ N(m0, s0^2).
// The sample mean is sufficient, so ABC on it targets the exact posterior N(mn, sn^2).
const n = 20;
const sigma = 1;
const m0 = 0;
const s0 = 2;
const observedMean = 1.3;
const postVar = 1 / (1 / s0 ** 2 + n / sigma ** 2);
const postMean = postVar * (m0 / s0 ** 2 + (n * observedMean) / sigma ** 2);

async function simulateMean(params: Record<string, number>, rng: Rng): Promise<number> {
  let s = 0;
  for (let i = 0; i < n; i++) s += rng.normal(params.mu, sigma);
  return s / n;
}

const simulate = batchSimulator(simulateMean, (m) => Math.abs(m - observedMean));

function weightedSd(x: number[], w: number[]): number {
  const m = weightedMean(x, w);
  return Math.sqrt(x.reduce((s, v, i) => s + w[i] * (v - m) ** 2, 0));
}

describe('ABC-SMC', () => {
  const options: AbcSmcOptions = {
    priors: [{ name: 'mu', kind: 'normal', mean: m0, sd: s0 }],
    populationSize: 1000,
    seed: 2026,
    minEpsilon: 0.02,
    maxGenerations: 15,
  };

  it('recovers the analytical posterior of a conjugate normal model', async () => {
    const r = await runAbcSmc(options, simulate);
    const post = r.posterior;
    const mu = post.particles.map((p) => p[0]);
    const mean = weightedMean(mu, post.weights);
    const sd = weightedSd(mu, post.weights);
    console.log(
      `ABC-SMC: ${r.generations.length} generations, ${r.simulations} simulations, stop=${r.stopReason}, ` +
        `eps=${r.generations.map((g) => g.epsilon.toPrecision(3)).join(' > ')}; ` +
        `posterior mean ${mean.toFixed(4)} (exact ${postMean.toFixed(4)}), sd ${sd.toFixed(4)} (exact ${Math.sqrt(postVar).toFixed(4)}), ESS ${post.effectiveSampleSize.toFixed(0)}`,
    );
    expect(r.stopReason).toBe('minEpsilon');
    expect(post.epsilon).toBe(0.02);
    expect(Math.abs(mean - postMean)).toBeLessThan(0.15 * Math.sqrt(postVar));
    expect(Math.abs(sd / Math.sqrt(postVar) - 1)).toBeLessThan(0.1);
    // Every generation is stored, tolerances shrink, weights are normalised.
    for (let g = 1; g < r.generations.length; g++) expect(r.generations[g].epsilon).toBeLessThan(r.generations[g - 1].epsilon);
    expect(r.generations[0].epsilon).toBe(Infinity);
    for (const g of r.generations) {
      expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(g.distances.every((d) => d <= g.epsilon)).toBe(true);
      expect(g.effectiveSampleSize).toBeGreaterThan(100);
    }
  });

  it('gives the same populations whatever the batch size (deterministic from the seed)', async () => {
    const small = { ...options, populationSize: 200, minEpsilon: 0.1 };
    const a = await runAbcSmc(small, simulate);
    const b = await runAbcSmc({ ...small, maxBatchSize: 37 }, simulate);
    expect(b.generations).toEqual(a.generations);
    const c = await runAbcSmc({ ...small, seed: 7 }, simulate);
    expect(c.posterior.particles).not.toEqual(a.posterior.particles);
  });

  it('stops on the simulation budget and on the generation limit', async () => {
    const budget = await runAbcSmc({ ...options, populationSize: 100, maxSimulations: 1000, minEpsilon: 0 }, simulate);
    expect(budget.stopReason).toBe('maxSimulations');
    expect(budget.simulations).toBeLessThanOrEqual(1000);
    const gens = await runAbcSmc({ ...options, populationSize: 100, maxGenerations: 3, minEpsilon: 0 }, simulate);
    expect(gens.stopReason).toBe('maxGenerations');
    expect(gens.generations.length).toBe(3);
    const rate = await runAbcSmc({ ...options, populationSize: 100, minAcceptanceRate: 0.2, minEpsilon: 0 }, simulate);
    expect(rate.stopReason).toBe('minAcceptanceRate');
    expect(rate.posterior.acceptanceRate).toBeLessThan(0.2);
    expect(rate.generations.slice(1, -1).every((g) => g.acceptanceRate >= 0.2)).toBe(true);
    // A budget below one population leaves nothing to report.
    await expect(runAbcSmc({ ...options, populationSize: 100, maxSimulations: 50 }, simulate)).rejects.toThrow(/no generation/);
  });

  it('keeps particles inside bounded priors and fits range targets', async () => {
    // Two parameters, a uniform and a lognormal prior; the summary must land in target ranges.
    const r = await runAbcSmc(
      {
        priors: [
          { name: 'a', kind: 'uniform', min: 0, max: 10 },
          { name: 'b', kind: 'lognormal', meanlog: 0, sdlog: 1 },
        ],
        populationSize: 300,
        seed: 5,
        minEpsilon: 0,
        maxGenerations: 6,
      },
      batchSimulator(
        async (p, rng) => [p.a + rng.normal(0, 0.1), p.a * p.b],
        (s) => rangeDistance(s, [{ lo: 4, hi: 5 }, { lo: 8, hi: 10 }]),
      ),
    );
    const post = r.posterior;
    for (const [a, b] of post.particles) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(10);
      expect(b).toBeGreaterThan(0);
    }
    const a = weightedMean(post.particles.map((p) => p[0]), post.weights);
    const ab = weightedMean(post.particles.map((p) => p[0] * p[1]), post.weights);
    expect(a).toBeGreaterThan(3.9);
    expect(a).toBeLessThan(5.1);
    expect(ab).toBeGreaterThan(7.8);
    expect(ab).toBeLessThan(10.2);
  });

  it('protocol: propose, then accept distances in order', () => {
    const abc = new AbcSmc({ ...options, populationSize: 10 });
    const batch = abc.proposeBatch();
    expect(batch.length).toBeGreaterThanOrEqual(10);
    expect(() => abc.proposeBatch()).toThrow();
    expect(() => abc.acceptBatch([1])).toThrow(RangeError);
    // NaN distances (failed simulations) are rejected even at infinite tolerance.
    abc.acceptBatch(batch.map((_, i) => (i === 0 ? NaN : 1)));
    expect(abc.currentGeneration).toBe(0);
  });
});

describe('ABC distances', () => {
  it('range distance is 0 inside and the scaled gap outside', () => {
    expect(rangeDistance([4.5, 9], [{ lo: 4, hi: 5 }, { lo: 8, hi: 10 }])).toBe(0);
    expect(rangeDistance([6, 9], [{ lo: 4, hi: 5 }, { lo: 8, hi: 10 }])).toBeCloseTo(1, 12);
    expect(rangeDistance([6, 4], [{ lo: 4, hi: 5 }, { lo: 8, hi: 10 }])).toBeCloseTo(Math.sqrt(1 + 4), 12);
    expect(rangeDistance([3], [{ lo: 4, hi: 5, scale: 0.5 }])).toBeCloseTo(2, 12);
    expect(rangeDistance([NaN], [{ lo: 4, hi: 5 }])).toBe(Infinity);
  });

  it('scaled Euclidean distance divides each coordinate by its scale', () => {
    expect(scaledEuclideanDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(scaledEuclideanDistance([4, 2], [1, 6], [3, 2])).toBeCloseTo(Math.sqrt(1 + 4), 12);
    expect(() => scaledEuclideanDistance([1], [1, 2])).toThrow(RangeError);
  });
});
