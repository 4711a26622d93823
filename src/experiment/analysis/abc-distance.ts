/**
 * Distances between simulated summaries and calibration targets, each coordinate scaled so that
 * targets in different units weigh alike; combined as a Euclidean norm.
 */

/** A target given as an acceptable range: distance 0 inside, (gap to the range) / scale outside. */
export interface RangeTarget {
  readonly lo: number;
  readonly hi: number;
  /** Scale of a unit miss; default hi - lo (or 1 when the range is a point). */
  readonly scale?: number;
}

export function rangeDistance(values: readonly number[], targets: readonly RangeTarget[]): number {
  if (values.length !== targets.length) throw new RangeError(`rangeDistance: ${values.length} values for ${targets.length} targets`);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const { lo, hi } = targets[i];
    const scale = targets[i].scale ?? (hi > lo ? hi - lo : 1);
    const v = values[i];
    const gap = Number.isNaN(v) ? Infinity : v < lo ? lo - v : v > hi ? v - hi : 0;
    s += (gap / scale) ** 2;
  }
  return Math.sqrt(s);
}

/**
 * Scaled Euclidean distance to observed values (a series or a vector of statistics). Scales
 * default to 1; pass e.g. observed standard deviations or |observed| to make units comparable.
 */
export function scaledEuclideanDistance(values: readonly number[], observed: readonly number[], scales?: readonly number[]): number {
  if (values.length !== observed.length) throw new RangeError(`scaledEuclideanDistance: ${values.length} values for ${observed.length} observations`);
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] - observed[i]) / (scales?.[i] ?? 1);
    s += Number.isNaN(d) ? Infinity : d * d;
  }
  return Math.sqrt(s);
}
