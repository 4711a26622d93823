import type { Rng } from './random.js';

const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;

/**
 * Uniform integer in [0, n), unbiased, by Lemire's multiply-and-reject: the high word of
 * x * n is the result, and only a low word below n needs the (rare) rejection test. Cheaper
 * than `Rng.int`, whose two floating-point modulos dominate hot loops that draw per agent.
 * x * n is exact in a double while n <= 2^21; larger n fall back to `Rng.int`.
 */
export function randomBelow(rng: Rng, n: number): number {
  if (n > 2097152) return rng.int(n);
  let m = rng.nextU32() * n;
  let high = Math.floor(m * INV_TWO32);
  let low = m - high * TWO32;
  if (low < n) {
    const floor = (TWO32 - n) % n;
    while (low < floor) {
      m = rng.nextU32() * n;
      high = Math.floor(m * INV_TWO32);
      low = m - high * TWO32;
    }
  }
  return high;
}
