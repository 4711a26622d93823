/**
 * Full factorial design: every combination of levels exactly once. Level k of m is placed at the
 * centre of its stratum, (k + 0.5) / m, so that `scaleToFactors` maps it back to level k of a list
 * or integer factor and to the stratum midpoint of a continuous one.
 */
export function fullFactorial(levelCounts: readonly number[]): number[][] {
  for (const m of levelCounts) {
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`fullFactorial: level counts must be positive integers, got ${m}`);
  }
  const total = levelCounts.reduce((a, m) => a * m, 1);
  const points: number[][] = [];
  const index = new Array<number>(levelCounts.length).fill(0);
  for (let row = 0; row < total; row++) {
    points.push(index.map((k, j) => (k + 0.5) / levelCounts[j]));
    // Odometer increment, last dimension fastest (as itertools.product and expand.grid's reverse).
    for (let j = levelCounts.length - 1; j >= 0; j--) {
      if (++index[j] < levelCounts[j]) break;
      index[j] = 0;
    }
  }
  return points;
}

/** The level index (0-based) that a unit coordinate falls into for a factor with m levels. */
export function levelOf(u: number, m: number): number {
  const k = Math.floor(u * m);
  return k < 0 ? 0 : k >= m ? m - 1 : k;
}
