import type { Rng } from './random.js';
import { randomBelow } from './random-below.js';

/**
 * Activation orders and parameter schedules. Orders live in caller-owned Int32Arrays so that
 * a step allocates nothing.
 */

/**
 * An activation order in blocks: block g holds the ids whose group label is g (e.g. all
 * citizens, then all cops), and each block is shuffled on its own. One block means one shuffled
 * order for everyone. Rebuild when the population changes; otherwise reshuffling the previous
 * order is just as uniform and costs no scan.
 */
export class ActivationOrder {
  ids: Int32Array;
  length = 0;
  /** Block g is ids[bounds[g]] .. ids[bounds[g + 1] - 1]. */
  readonly bounds: Int32Array;

  constructor(
    readonly blocks = 1,
    capacity = 64,
  ) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.bounds = new Int32Array(blocks + 1);
  }

  /**
   * Takes the ids below `highWater` for which `alive[id]` is 1, ordered by `group[id]` (0 ..
   * blocks - 1; ids in other groups are left out). With one block, `group` may be omitted.
   */
  rebuild(alive: ArrayLike<number>, highWater: number, group?: ArrayLike<number>): void {
    if (this.ids.length < highWater) this.ids = new Int32Array(highWater * 2);
    let n = 0;
    for (let g = 0; g < this.blocks; g++) {
      this.bounds[g] = n;
      for (let id = 0; id < highWater; id++) if (alive[id] === 1 && (group === undefined || group[id] === g)) this.ids[n++] = id;
    }
    this.bounds[this.blocks] = n;
    this.length = n;
  }

  /** A fresh random order within each block. */
  shuffle(rng: Rng): void {
    for (let b = 0; b < this.blocks; b++) shuffleSlice(rng, this.ids, this.bounds[b], this.bounds[b + 1]);
  }
}

/** Slices at least this long draw ahead (shorter ones stay in the cache anyway). */
const DRAW_AHEAD_FROM = 1 << 15;
/** How many swaps ahead the random index is drawn (a power of two). */
const AHEAD = 16;
const aheadRing = new Int32Array(AHEAD);
/** Sum of the entries read ahead, kept only so that those reads are not optimised away. */
export let shuffleTouched = 0;

/**
 * Fisher-Yates on ids[start..end). On long slices the random index of each swap is drawn
 * AHEAD swaps early and its entry read then, so that the cache miss of the random access
 * overlaps the swaps in between. The draws are the same numbers in the same order (nothing
 * else draws during a shuffle), so the order is identical to drawing at each swap.
 */
export function shuffleSlice(rng: Rng, a: Int32Array, start: number, end: number): void {
  if (end - start < DRAW_AHEAD_FROM) {
    for (let i = end - 1; i > start; i--) {
      const j = start + randomBelow(rng, i - start + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return;
  }
  const mask = AHEAD - 1;
  const ring = aheadRing;
  let touched = 0;
  // `next` is the swap whose index is drawn next; swap i's index waits in ring[i & mask].
  let next = end - 1;
  for (let k = 0; k < AHEAD && next > start; k++, next--) {
    const j = start + randomBelow(rng, next - start + 1);
    ring[next & mask] = j;
    touched += a[j];
  }
  for (let i = end - 1; i > start; i--) {
    const j = ring[i & mask];
    if (next > start) {
      // next = i - AHEAD: its slot is the one just read.
      const later = start + randomBelow(rng, next - start + 1);
      ring[next & mask] = later;
      touched += a[later];
      next--;
    }
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  shuffleTouched = touched;
}

/** Set `param` to `value` at step `at`. */
export interface ParameterJump {
  readonly param: string;
  readonly at: number;
  readonly value: number;
}

/**
 * Starting from the value in force at step `from`, add `by` at steps from + every,
 * from + 2 every, ..., never passing `until` (the ramp ends there).
 */
export interface ParameterRamp {
  readonly param: string;
  readonly from: number;
  readonly every: number;
  readonly by: number;
  readonly until: number;
}

export type ParameterChange = ParameterJump | ParameterRamp;

export function isRamp(c: ParameterChange): c is ParameterRamp {
  return (c as ParameterRamp).every !== undefined;
}

/**
 * Changes of named parameters over time. `apply(step, get, set)` is called once per step with
 * the model's state at that step (step 0 = before the first iteration); it sets every
 * parameter whose schedule says so. Ramps are computed as base + n * by rather than by
 * repeated addition, so 0.9 - 90 * 0.01 lands on 0 and not on 1e-16.
 */
export class ParameterSchedule {
  private readonly changes: readonly ParameterChange[];
  private readonly base = new Map<number, number>();

  constructor(changes: readonly ParameterChange[]) {
    for (const c of changes) {
      if (isRamp(c)) {
        if (!(c.every >= 1) || !Number.isInteger(c.every)) throw new Error(`ramp of ${c.param}: every must be an integer >= 1`);
      }
    }
    this.changes = changes;
  }

  get isEmpty(): boolean {
    return this.changes.length === 0;
  }

  /** Applies, in list order, the changes due at `step`; returns whether anything was set. */
  apply(step: number, get: (param: string) => number, set: (param: string, value: number) => void): boolean {
    let changed = false;
    for (let i = 0; i < this.changes.length; i++) {
      const c = this.changes[i];
      if (!isRamp(c)) {
        if (c.at === step) {
          set(c.param, c.value);
          changed = true;
        }
        continue;
      }
      if (step === c.from) this.base.set(i, get(c.param));
      if (step <= c.from || (step - c.from) % c.every !== 0) continue;
      const start = this.base.get(i) ?? get(c.param);
      const n = (step - c.from) / c.every;
      const raw = start + n * c.by;
      const value = roundOff(c.by < 0 ? Math.max(raw, c.until) : Math.min(raw, c.until));
      const previous = roundOff(c.by < 0 ? Math.max(start + (n - 1) * c.by, c.until) : Math.min(start + (n - 1) * c.by, c.until));
      if (value !== previous || n === 1) {
        set(c.param, value);
        changed = true;
      }
    }
    return changed;
  }
}

/** Drops the last bits of binary noise (0.9 - 0.35 = 0.5499999999999999 becomes 0.55). */
function roundOff(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}
