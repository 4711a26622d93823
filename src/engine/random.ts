/**
 * Deterministic random numbers: xoshiro128** (Blackman & Vigna), 32-bit so that it stays in
 * fast integer arithmetic in every JavaScript engine. Streams are derived by hashing a seed with
 * labels (experiment seed, design row, replicate, purpose), never from call order or scheduling.
 */

/** splitmix32-style finaliser: a good 32-bit mixer used to expand seeds and labels. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a of a string, so that labels such as "citizens" become stream ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines a seed with any number of labels into one 32-bit seed; order matters. */
export function deriveSeed(seed: number, ...labels: (number | string)[]): number {
  // Seeds may exceed 32 bits (users type large numbers): fold the high part in.
  let h = mix32((seed >>> 0) ^ mix32(Math.floor(seed / 4294967296) >>> 0));
  for (const label of labels) {
    const v = typeof label === 'number' ? mix32(label >>> 0) ^ mix32(Math.floor(label / 4294967296)) : hashString(label);
    h = mix32(h ^ v);
  }
  return h;
}

const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;

export type RngState = readonly [number, number, number, number];

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, ...labels: (number | string)[]) {
    let s = deriveSeed(seed, ...labels);
    // Expand one 32-bit seed to 128 bits of state with splitmix; never all zero.
    this.a = s = mix32(s);
    this.b = s = mix32(s);
    this.c = s = mix32(s);
    this.d = mix32(s) | 1;
  }

  /** An independent generator for a named purpose, derived from this one's current state. */
  fork(...labels: (number | string)[]): Rng {
    return new Rng(this.a ^ mix32(this.b) ^ mix32(this.c + this.d), ...labels);
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /**
   * The draws of a Fisher-Yates shuffle: out[k] = randomBelow(this, n - k) for k = 0 .. count - 1,
   * in that order, the very numbers (and state afterwards) of calling random-below.ts'
   * `randomBelow` that often, Lemire's multiply-and-reject included. The generator's state stays
   * in locals for the whole batch instead of going through the object at every draw. Needs
   * n <= 2^21 (x * n exact in a double) and n - count >= 0.
   */
  drawsBelow(out: Int32Array, n: number, count: number): void {
    if (n > 2097152 || count > n) throw new Error(`drawsBelow: ${count} draws below ${n} unsupported`);
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    for (let k = 0; k < count; k++) {
      const m = n - k;
      let high = 0;
      for (;;) {
        const r = Math.imul(b, 5);
        const x = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const p = x * m;
        high = Math.floor(p * INV_TWO32);
        const low = p - high * TWO32;
        // Reject only a low word below (2^32 - m) mod m, which is below m.
        if (low >= m || low >= (TWO32 - m) % m) break;
      }
      out[k] = high;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), unbiased (rejection of the top partial block); n <= 2^32. */
  int(n: number): number {
    if (n <= 1) return 0;
    if (n > 4294967296) return Math.floor(this.random() * n);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return x % n;
    }
  }

  /** Uniform integer in [lo, hi] inclusive. */
  intBetween(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  bernoulli(p: number): boolean {
    return this.random() < p;
  }

  /** Standard normal by the polar Box-Muller method (no cached spare: state stays four words). */
  normal(mean = 0, sd = 1): number {
    for (;;) {
      const u = 2 * this.random() - 1;
      const v = 2 * this.random() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return mean + sd * u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  /** Binomial(n, p): exact inversion for small n*p, normal approximation beyond. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (mean < 30) {
      // Inversion (Kachitvichyanukul & Schmeiser's BINV): exact, O(mean) draws-free steps.
      const q = 1 - p;
      const s = p / q;
      const a = (n + 1) * s;
      let r = Math.pow(q, n);
      let u = this.random();
      let x = 0;
      while (u > r) {
        u -= r;
        x++;
        if (x > n) return n;
        r *= a / x - s;
      }
      return x;
    }
    const x = Math.round(this.normal(mean, Math.sqrt(mean * (1 - p))));
    return x < 0 ? 0 : x > n ? n : x;
  }

  /** Poisson(lambda), Knuth for small lambda, normal approximation for large. */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let prod = this.random();
      while (prod > limit) {
        k++;
        prod *= this.random();
      }
      return k;
    }
    const x = Math.round(this.normal(lambda, Math.sqrt(lambda)));
    return x < 0 ? 0 : x;
  }

  /** Fisher-Yates shuffle in place of the first `length` entries. */
  shuffle<T extends { length: number; [i: number]: number }>(arr: T, length = arr.length): T {
    for (let i = length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  getState(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  setState(state: RngState): void {
    [this.a, this.b, this.c, this.d] = state;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
