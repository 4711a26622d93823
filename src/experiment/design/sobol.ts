import { JOE_KUO_DIMENSIONS, joeKuoEntry } from './joe-kuo-directions.js';

/** Highest dimension supported by the bundled Joe-Kuo direction numbers (dimension 1 included). */
export const SOBOL_MAX_DIMENSION = JOE_KUO_DIMENSIONS + 1;

const BITS = 32;
const SCALE = 2 ** -BITS;

/**
 * Sobol low-discrepancy sequence with the Joe & Kuo (2008) "new-joe-kuo-6.21201" direction
 * numbers, generated in Gray-code order (Antonov & Saleev) so that each point costs one XOR per
 * dimension. Unscrambled: point i is the same as scipy.stats.qmc.Sobol(d, scramble=False).
 */
export class SobolSequence {
  readonly dimension: number;
  private readonly directions: Uint32Array; // [dim][bit], BITS entries per dimension
  private readonly state: Uint32Array;
  private index = 0;

  constructor(dimension: number) {
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
      throw new RangeError(`SobolSequence: dimension must be an integer in 1..${SOBOL_MAX_DIMENSION}, got ${dimension}`);
    }
    this.dimension = dimension;
    this.directions = directionNumbers(dimension);
    this.state = new Uint32Array(dimension);
  }

  /** Number of points produced (or skipped) so far. */
  get position(): number {
    return this.index;
  }

  /** Next point; the first one is the origin. */
  next(): number[] {
    const point = new Array<number>(this.dimension);
    for (let j = 0; j < this.dimension; j++) point[j] = this.state[j] * SCALE;
    this.advance();
    return point;
  }

  /** Advances past `count` points without materialising them. */
  skip(count: number): void {
    for (let i = 0; i < count; i++) this.advance();
  }

  private advance(): void {
    if (this.index >= 2 ** BITS - 1) throw new RangeError('SobolSequence: exhausted (2^32 points)');
    // Gray code: point i+1 differs from point i by the direction number of the lowest zero bit of i.
    const c = lowestZeroBit(this.index);
    for (let j = 0; j < this.dimension; j++) this.state[j] ^= this.directions[j * BITS + c];
    this.index++;
  }
}

export interface SobolOptions {
  /** Drop the first point (the origin), as SALib does and scipy recommends against; default false. */
  readonly skipFirst?: boolean;
  /** Drop this many further leading points. */
  readonly skip?: number;
}

/** n points of the d-dimensional Sobol sequence. Use powers of two for balanced (t,s)-net properties. */
export function sobolSequence(n: number, d: number, options: SobolOptions = {}): number[][] {
  const seq = new SobolSequence(d);
  seq.skip((options.skipFirst ? 1 : 0) + (options.skip ?? 0));
  const points: number[][] = [];
  for (let i = 0; i < n; i++) points.push(seq.next());
  return points;
}

function lowestZeroBit(i: number): number {
  let c = 0;
  while (i & 1) {
    i >>>= 1;
    c++;
  }
  return c;
}

/** Direction numbers v_{j,k} = m_{j,k} * 2^(BITS-k), extended by the primitive-polynomial recurrence. */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(dimension * BITS);
  // Dimension 1 is the van der Corput sequence: all m_k = 1.
  for (let k = 0; k < BITS; k++) v[k] = (1 << (BITS - 1 - k)) >>> 0;
  for (let j = 1; j < dimension; j++) {
    const { s, a, m } = joeKuoEntry(j);
    const base = j * BITS;
    for (let k = 0; k < s && k < BITS; k++) v[base + k] = (m[k] << (BITS - 1 - k)) >>> 0;
    for (let k = s; k < BITS; k++) {
      let x = v[base + k - s] ^ (v[base + k - s] >>> s);
      for (let i = 1; i < s; i++) {
        if ((a >>> (s - 1 - i)) & 1) x ^= v[base + k - i];
      }
      v[base + k] = x >>> 0;
    }
  }
  return v;
}
