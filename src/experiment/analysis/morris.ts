import type { Rng } from '../../engine/random.js';
import { mean, quantileSorted, sd } from './stats.js';

/**
 * Morris (1991) elementary effects, with mu* (Campolongo, Cariboni & Saltelli 2007) as the
 * ranking measure. Works in unit coordinates: scale the design with `scaleToFactors`, so effects
 * are per unit of the factor's range (or quantile) and comparable across factors.
 */
export interface MorrisDesign {
  /** trajectories * (dimension + 1) points on the grid {0, 1/(p-1), ..., 1}. */
  readonly points: number[][];
  readonly dimension: number;
  readonly trajectories: number;
  readonly levels: number;
  readonly delta: number;
  /** For row t*(k+1)+s+1: which factor changed from the previous row. */
  readonly changed: Int32Array;
  /** ... and whether it went up (+1) or down (-1). */
  readonly direction: Int8Array;
}

export interface MorrisDesignOptions {
  /** Grid levels p (even); delta = p / (2(p-1)). Default 4. */
  readonly levels?: number;
}

export function morrisDesign(dimension: number, trajectories: number, rng: Rng, options: MorrisDesignOptions = {}): MorrisDesign {
  const p = options.levels ?? 4;
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0) throw new RangeError(`morrisDesign: levels must be an even integer >= 2, got ${p}`);
  if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`morrisDesign: dimension must be a positive integer`);
  const k = dimension;
  const half = p / 2;
  const delta = half / (p - 1);
  const points: number[][] = [];
  const changed = new Int32Array(trajectories * (k + 1)).fill(-1);
  const direction = new Int8Array(trajectories * (k + 1));
  const order = new Int32Array(k);
  for (let t = 0; t < trajectories; t++) {
    // Levels below the middle can only step up by delta, those above only down: uniform over the grid.
    const x = new Array<number>(k);
    const up = new Array<boolean>(k);
    for (let j = 0; j < k; j++) {
      const level = rng.int(p);
      x[j] = level / (p - 1);
      up[j] = level < half;
    }
    for (let j = 0; j < k; j++) order[j] = j;
    rng.shuffle(order);
    points.push(x.slice());
    for (let s = 0; s < k; s++) {
      const j = order[s];
      x[j] = up[j] ? (x[j] * (p - 1) + half) / (p - 1) : (x[j] * (p - 1) - half) / (p - 1);
      points.push(x.slice());
      changed[t * (k + 1) + s + 1] = j;
      direction[t * (k + 1) + s + 1] = up[j] ? 1 : -1;
    }
  }
  return { points, dimension: k, trajectories, levels: p, delta, changed, direction };
}

export interface MorrisFactorResult {
  readonly index: number;
  readonly name?: string;
  /** Mean elementary effect (signed: effects of opposite sign cancel). */
  readonly mu: number;
  /** Mean absolute elementary effect: the importance ranking measure. */
  readonly muStar: number;
  /** Standard deviation of the effects: high relative to mu* means non-linearity or interaction. */
  readonly sigma: number;
  /** Percentile bootstrap interval for mu* (resampling trajectories), when requested. */
  readonly muStarCi?: readonly [number, number];
}

export interface MorrisAnalyzeOptions {
  readonly names?: readonly string[];
  /** Bootstrap resamples for the mu* interval; 0 (default) for none. Needs `rng`. */
  readonly bootstrap?: number;
  readonly confidence?: number;
  readonly rng?: Rng;
}

/** Elementary effects per factor: effects[j][t] for trajectory t. */
export function elementaryEffects(design: MorrisDesign, outputs: ArrayLike<number>): Float64Array[] {
  const k = design.dimension;
  if (outputs.length !== design.points.length) {
    throw new RangeError(`morrisAnalyze: ${outputs.length} outputs for ${design.points.length} design points`);
  }
  const effects = Array.from({ length: k }, () => new Float64Array(design.trajectories));
  for (let t = 0; t < design.trajectories; t++) {
    for (let s = 1; s <= k; s++) {
      const row = t * (k + 1) + s;
      const j = design.changed[row];
      effects[j][t] = (outputs[row] - outputs[row - 1]) / (design.direction[row] * design.delta);
    }
  }
  return effects;
}

export function morrisAnalyze(design: MorrisDesign, outputs: ArrayLike<number>, options: MorrisAnalyzeOptions = {}): MorrisFactorResult[] {
  const effects = elementaryEffects(design, outputs);
  const boot = options.bootstrap ?? 0;
  if (boot > 0 && !options.rng) throw new RangeError('morrisAnalyze: bootstrap needs an rng');
  const conf = options.confidence ?? 0.95;
  const r = design.trajectories;
  return effects.map((ee, j) => {
    const abs = ee.map(Math.abs);
    let muStarCi: readonly [number, number] | undefined;
    if (boot > 0) {
      const stats = new Float64Array(boot);
      for (let b = 0; b < boot; b++) {
        let s = 0;
        for (let i = 0; i < r; i++) s += abs[options.rng!.int(r)];
        stats[b] = s / r;
      }
      stats.sort();
      muStarCi = [quantileSorted(stats, (1 - conf) / 2), quantileSorted(stats, (1 + conf) / 2)];
    }
    return {
      index: j,
      name: options.names?.[j],
      mu: mean(ee),
      muStar: mean(abs),
      sigma: r > 1 ? sd(ee) : NaN,
      muStarCi,
    };
  });
}
