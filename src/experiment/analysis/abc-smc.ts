import { deriveSeed, Rng } from '../../engine/random.js';
import { jointPriorLogDensity, samplePrior, type Prior } from './priors.js';
import { cholesky, invertFromCholesky } from './linear-algebra.js';
import { effectiveSampleSize, weightedCovariance, weightedQuantile } from './stats.js';

/**
 * ABC-SMC (population Monte Carlo ABC, Beaumont et al. 2009) with an adaptive tolerance as in
 * pyABC (each generation's epsilon is a weighted quantile of the previous population's distances)
 * and a Gaussian perturbation kernel with twice the weighted population covariance.
 *
 * Batch protocol, so that a runner can simulate each batch in parallel: `proposeBatch()` returns
 * candidates, the caller simulates them and passes their distances to `acceptBatch()` in the same
 * order. Candidate c of generation g draws everything from streams derived from (seed, g, c), and
 * candidates are accepted in index order, so the result does not depend on batch sizes or on how
 * the simulations were scheduled.
 */
export interface AbcSmcOptions {
  readonly priors: readonly Prior[];
  readonly populationSize: number;
  readonly seed: number;
  /** Generations including the first (prior) one; default 10. */
  readonly maxGenerations?: number;
  /** Stop after the generation whose tolerance reaches this; default 0. */
  readonly minEpsilon?: number;
  /** Stop when this many simulations have been run; default unlimited. */
  readonly maxSimulations?: number;
  /** Quantile of the previous distances that sets the next tolerance; default 0.5 (pyABC's median). */
  readonly quantile?: number;
  /** Stop when a generation accepts a smaller share of its candidates; default 0. */
  readonly minAcceptanceRate?: number;
  /** Largest batch proposed at once; default 4 * populationSize. */
  readonly maxBatchSize?: number;
}

export interface AbcCandidate {
  readonly generation: number;
  readonly index: number;
  /** Parameter values in prior order. */
  readonly params: number[];
  /** The same, by prior name. */
  readonly named: Record<string, number>;
  /** Seed for the simulation of this candidate (build its Rng from it). */
  readonly seed: number;
}

export interface AbcGeneration {
  readonly generation: number;
  /** Tolerance of this generation (Infinity for the first, drawn from the prior). */
  readonly epsilon: number;
  readonly particles: number[][];
  /** Normalised importance weights. */
  readonly weights: number[];
  readonly distances: number[];
  /** Candidates simulated up to the last one accepted. */
  readonly candidates: number;
  readonly acceptanceRate: number;
  readonly effectiveSampleSize: number;
}

export type AbcStopReason = 'minEpsilon' | 'maxGenerations' | 'maxSimulations' | 'minAcceptanceRate';

export interface AbcResult {
  readonly names: readonly string[];
  readonly generations: readonly AbcGeneration[];
  /** The last complete generation. */
  readonly posterior: AbcGeneration;
  readonly simulations: number;
  readonly stopReason: AbcStopReason;
}

const MAX_PRIOR_RETRIES = 10_000;

export class AbcSmc {
  private readonly opts: Required<Omit<AbcSmcOptions, 'priors' | 'seed'>> & Pick<AbcSmcOptions, 'priors' | 'seed'>;
  private readonly names: string[];
  private readonly generations: AbcGeneration[] = [];
  private generation = 0;
  private epsilon = Infinity;
  private nextCandidate = 0;
  private pending: AbcCandidate[] = [];
  private accepted: { params: number[]; distance: number; logWeight: number }[] = [];
  private simulations = 0;
  private stopReason: AbcStopReason | undefined;
  private kernel: { chol: number[][]; inv: number[][] } | undefined;

  constructor(options: AbcSmcOptions) {
    const n = options.populationSize;
    if (!Number.isInteger(n) || n < 2) throw new RangeError(`AbcSmc: populationSize must be an integer >= 2, got ${n}`);
    if (options.priors.length === 0) throw new RangeError('AbcSmc: at least one prior is needed');
    this.opts = {
      maxGenerations: 10,
      minEpsilon: 0,
      maxSimulations: Infinity,
      quantile: 0.5,
      minAcceptanceRate: 0,
      maxBatchSize: 4 * n,
      ...options,
    };
    this.names = options.priors.map((p) => p.name);
  }

  get done(): boolean {
    return this.stopReason !== undefined;
  }

  /** Tolerance of the generation being filled. */
  get currentEpsilon(): number {
    return this.epsilon;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** The next candidates to simulate (empty once done). */
  proposeBatch(): AbcCandidate[] {
    if (this.done) return [];
    if (this.pending.length) throw new Error('AbcSmc: acceptBatch must be called before proposing again');
    const n = this.opts.populationSize;
    const missing = n - this.accepted.length;
    // Expect the acceptance rate seen so far in this generation (or a guess for a fresh one).
    const rate = this.nextCandidate > 0 ? Math.max(this.accepted.length, 1) / this.nextCandidate : this.generation === 0 ? 1 : this.opts.quantile;
    let size = Math.min(this.opts.maxBatchSize, Math.max(Math.ceil(missing / rate), Math.min(missing, 16)));
    size = Math.min(size, this.opts.maxSimulations - this.simulations);
    const batch: AbcCandidate[] = [];
    for (let k = 0; k < size; k++) batch.push(this.propose(this.nextCandidate++));
    this.pending = batch;
    return batch;
  }

  /** Distances of the last proposed batch, in its order (NaN counts as a rejection). */
  acceptBatch(distances: readonly number[]): void {
    if (distances.length !== this.pending.length) throw new RangeError(`AbcSmc: ${distances.length} distances for ${this.pending.length} candidates`);
    const n = this.opts.populationSize;
    const batch = this.pending;
    this.pending = [];
    this.simulations += batch.length;
    let lastUsed = -1;
    for (let k = 0; k < batch.length && this.accepted.length < n; k++) {
      const d = distances[k];
      // NaN compares false, so a failed simulation is rejected even at infinite tolerance.
      if (d <= this.epsilon) {
        this.accepted.push({ params: batch[k].params, distance: d, logWeight: this.logWeight(batch[k].params) });
        lastUsed = batch[k].index;
      }
    }
    if (this.accepted.length === n) this.finishGeneration(lastUsed + 1);
    else if (this.simulations >= this.opts.maxSimulations) this.stop('maxSimulations');
  }

  result(): AbcResult {
    const posterior = this.generations[this.generations.length - 1];
    if (!posterior) throw new Error('AbcSmc: no generation completed (simulation budget too small for one population)');
    return { names: this.names, generations: this.generations, posterior, simulations: this.simulations, stopReason: this.stopReason ?? 'maxGenerations' };
  }

  private propose(index: number): AbcCandidate {
    const rng = new Rng(this.opts.seed, 'abc-propose', this.generation, index);
    const priors = this.opts.priors;
    let params: number[] = [];
    if (this.generation === 0) {
      params = priors.map((p) => samplePrior(p, rng));
    } else {
      const prev = this.generations[this.generations.length - 1];
      let tries = 0;
      for (;;) {
        const ancestor = prev.particles[pickWeighted(prev.weights, rng)];
        params = this.perturb(ancestor, rng);
        if (jointPriorLogDensity(priors, params) > -Infinity) break;
        if (++tries > MAX_PRIOR_RETRIES) throw new Error('AbcSmc: perturbation kernel keeps leaving the prior support');
      }
    }
    const named: Record<string, number> = {};
    this.names.forEach((name, i) => (named[name] = params[i]));
    return { generation: this.generation, index, params, named, seed: deriveSeed(this.opts.seed, 'abc-simulate', this.generation, index) };
  }

  private perturb(center: readonly number[], rng: Rng): number[] {
    const { chol } = this.kernel!;
    const d = center.length;
    const z = Array.from({ length: d }, () => rng.normal());
    return center.map((c, i) => {
      let s = c;
      for (let k = 0; k <= i; k++) s += chol[i][k] * z[k];
      return s;
    });
  }

  /** log prior(theta) - log sum_j W_j K(theta | theta_j); the kernel's constant cancels on normalising. */
  private logWeight(params: readonly number[]): number {
    if (this.generation === 0) return 0;
    const prev = this.generations[this.generations.length - 1];
    const { inv } = this.kernel!;
    const d = params.length;
    const terms = prev.particles.map((p, j) => {
      let q = 0;
      for (let a = 0; a < d; a++) {
        const da = params[a] - p[a];
        for (let b = 0; b < d; b++) q += da * inv[a][b] * (params[b] - p[b]);
      }
      return Math.log(prev.weights[j]) - 0.5 * q;
    });
    return jointPriorLogDensity(this.opts.priors, params) - logSumExp(terms);
  }

  private finishGeneration(candidates: number): void {
    const maxLog = Math.max(...this.accepted.map((a) => a.logWeight));
    const raw = this.accepted.map((a) => Math.exp(a.logWeight - maxLog));
    const total = raw.reduce((s, w) => s + w, 0);
    const weights = raw.map((w) => w / total);
    const gen: AbcGeneration = {
      generation: this.generation,
      epsilon: this.epsilon,
      particles: this.accepted.map((a) => a.params),
      weights,
      distances: this.accepted.map((a) => a.distance),
      candidates,
      acceptanceRate: this.opts.populationSize / candidates,
      effectiveSampleSize: effectiveSampleSize(weights),
    };
    this.generations.push(gen);
    this.accepted = [];
    this.nextCandidate = 0;
    if (this.epsilon <= this.opts.minEpsilon) return this.stop('minEpsilon');
    if (this.generations.length >= this.opts.maxGenerations) return this.stop('maxGenerations');
    if (this.simulations >= this.opts.maxSimulations) return this.stop('maxSimulations');
    if (gen.generation > 0 && gen.acceptanceRate < this.opts.minAcceptanceRate) return this.stop('minAcceptanceRate');
    this.generation++;
    this.epsilon = Math.max(this.opts.minEpsilon, weightedQuantile(gen.distances, gen.weights, this.opts.quantile));
    this.kernel = makeKernel(gen);
  }

  private stop(reason: AbcStopReason): void {
    this.stopReason = reason;
  }
}

/** Gaussian kernel with covariance 2 * weighted population covariance (Beaumont et al. 2009). */
function makeKernel(gen: AbcGeneration): { chol: number[][]; inv: number[][] } {
  const cov = weightedCovariance(gen.particles, gen.weights).map((row) => row.map((v) => 2 * v));
  const d = cov.length;
  // A collapsed population has a singular covariance: a relative ridge keeps the kernel proper.
  let ridge = 0;
  for (;;) {
    const m = cov.map((row, i) => row.map((v, j) => (i === j ? v + ridge : v)));
    try {
      const chol = cholesky(m);
      return { chol, inv: invertFromCholesky(chol) };
    } catch {
      const scale = Math.max(1e-300, ...cov.map((row, i) => Math.abs(row[i])), ...gen.particles.flat().map(Math.abs));
      ridge = ridge === 0 ? 1e-10 * scale : ridge * 10;
      if (d === 0 || !Number.isFinite(ridge)) throw new Error('AbcSmc: cannot build the perturbation kernel');
    }
  }
}

function pickWeighted(weights: readonly number[], rng: Rng): number {
  let u = rng.random();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Simulates a batch of candidates and returns their distances, in order. */
export type AbcBatchSimulator = (batch: readonly AbcCandidate[]) => Promise<readonly number[]>;

/** Drives an AbcSmc to completion with a batch simulator (which may run the batch in parallel). */
export async function runAbcSmc(options: AbcSmcOptions, simulateBatch: AbcBatchSimulator): Promise<AbcResult> {
  const abc = new AbcSmc(options);
  while (!abc.done) {
    const batch = abc.proposeBatch();
    if (batch.length === 0) break;
    abc.acceptBatch(await simulateBatch(batch));
  }
  return abc.result();
}

/**
 * Adapts a one-at-a-time simulator `(params, rng) => Promise<summary>` and a distance into a batch
 * simulator; each candidate's Rng is built from its own seed.
 */
export function batchSimulator<S>(
  simulate: (params: Record<string, number>, rng: Rng) => Promise<S>,
  distance: (summary: S) => number,
): AbcBatchSimulator {
  return async (batch) => {
    const summaries = await Promise.all(batch.map((c) => simulate(c.named, new Rng(c.seed))));
    return summaries.map(distance);
  };
}
