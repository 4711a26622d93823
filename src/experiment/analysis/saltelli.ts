import { SobolSequence, SOBOL_MAX_DIMENSION } from '../design/sobol.js';

/**
 * Saltelli (2002, 2010) sampling for Sobol indices: base matrices A and B are the two halves of a
 * 2d-dimensional Sobol sequence, and AB_i is A with column i taken from B. Rows are grouped per
 * base sample j as [A_j, AB_1j, ..., AB_dj, B_j] (SALib's order), N(d+2) points in all.
 */
export interface SaltelliDesign {
  readonly points: number[][];
  readonly baseSamples: number;
  readonly dimension: number;
}

export interface SaltelliOptions {
  /** Leading Sobol points to drop after the origin (which is always dropped). Default 0. */
  readonly skip?: number;
}

export const SALTELLI_MAX_DIMENSION = Math.floor(SOBOL_MAX_DIMENSION / 2);

export function saltelliDesign(baseSamples: number, dimension: number, options: SaltelliOptions = {}): SaltelliDesign {
  if (!Number.isInteger(baseSamples) || baseSamples < 2) throw new RangeError(`saltelliDesign: baseSamples must be an integer >= 2, got ${baseSamples}`);
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SALTELLI_MAX_DIMENSION) {
    throw new RangeError(`saltelliDesign: dimension must be an integer in 1..${SALTELLI_MAX_DIMENSION}, got ${dimension}`);
  }
  const d = dimension;
  const seq = new SobolSequence(2 * d);
  // The origin would put A_0 = B_0 = 0 and contributes nothing to the estimators.
  seq.skip(1 + (options.skip ?? 0));
  const points: number[][] = [];
  for (let j = 0; j < baseSamples; j++) {
    const ab = seq.next();
    const a = ab.slice(0, d);
    const b = ab.slice(d);
    points.push(a);
    for (let i = 0; i < d; i++) {
      const row = a.slice();
      row[i] = b[i];
      points.push(row);
    }
    points.push(b);
  }
  return { points, baseSamples, dimension: d };
}
