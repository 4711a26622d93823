import type { Rng } from '../../engine/random.js';

/** Plain Monte Carlo: n independent uniform points in [0,1)^d, row by row from `rng`. */
export function monteCarlo(n: number, d: number, rng: Rng): number[][] {
  const points: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(d);
    for (let j = 0; j < d; j++) row[j] = rng.random();
    points.push(row);
  }
  return points;
}
