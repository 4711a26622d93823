import type { Rng } from '../../engine/random.js';

export interface LatinHypercubeOptions {
  /** Place each point at the centre of its stratum instead of uniformly inside it. */
  readonly centred?: boolean;
  /**
   * Draw this many candidate designs and keep the one whose closest pair of points is farthest
   * apart (maximin). 1 (the default) keeps the first draw.
   */
  readonly maximinCandidates?: number;
}

/** Latin hypercube: in every dimension each of the n strata [k/n, (k+1)/n) holds exactly one point. */
export function latinHypercube(n: number, d: number, rng: Rng, options: LatinHypercubeOptions = {}): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`latinHypercube: n must be a positive integer, got ${n}`);
  const candidates = Math.max(1, Math.floor(options.maximinCandidates ?? 1));
  let best = drawOne(n, d, rng, options.centred ?? false);
  if (candidates === 1) return best;
  let bestScore = minPairDistance2(best);
  for (let c = 1; c < candidates; c++) {
    const next = drawOne(n, d, rng, options.centred ?? false);
    const score = minPairDistance2(next);
    if (score > bestScore) {
      best = next;
      bestScore = score;
    }
  }
  return best;
}

function drawOne(n: number, d: number, rng: Rng, centred: boolean): number[][] {
  const points: number[][] = Array.from({ length: n }, () => new Array<number>(d));
  const perm = new Int32Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    rng.shuffle(perm);
    for (let i = 0; i < n; i++) points[i][j] = (perm[i] + (centred ? 0.5 : rng.random())) / n;
  }
  return points;
}

/** Smallest squared Euclidean distance between two rows; O(n^2 d), fine for design sizes. */
export function minPairDistance2(points: readonly (readonly number[])[]): number {
  let min = Infinity;
  for (let a = 0; a < points.length; a++) {
    for (let b = a + 1; b < points.length; b++) {
      let s = 0;
      for (let j = 0; j < points[a].length; j++) {
        const t = points[a][j] - points[b][j];
        s += t * t;
      }
      if (s < min) min = s;
    }
  }
  return min;
}
