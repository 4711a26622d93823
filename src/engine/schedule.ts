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

/** Slices at least this long touch the entries of later swaps ahead (shorter ones stay in the cache anyway). */
const TOUCH_AHEAD_FROM = 1 << 15;
/** How many swaps ahead an entry is touched. */
const AHEAD = 16;
/** Swaps whose random indices are drawn in one batch (`Rng.drawsBelow`): 16 KiB of scratch. */
const BATCH = 4096;
const batch = new Int32Array(BATCH);
/** Longest slice whose draws `Rng.drawsBelow` can make (x * n exact); longer ones draw one by one. */
const BATCH_MAX = 1 << 21;
/** Sum of the entries read ahead, kept only so that those reads are not optimised away. */
export let shuffleTouched = 0;

/**
 * Fisher-Yates on ids[start..end): swap i (from end - 1 down) exchanges entry i with entry
 * start + randomBelow(rng, i - start + 1). The indices are drawn in batches before their swaps
 * (nothing else draws during a shuffle, so they are the same numbers in the same order), which
 * keeps the generator in locals; on long slices the entry of the swap AHEAD later is read
 * early, so that the cache miss of the random access overlaps the swaps in between.
 */
export function shuffleSlice(rng: Rng, a: Int32Array, start: number, end: number): void {
  if (end - start > BATCH_MAX) {
    for (let i = end - 1; i > start; i--) {
      const j = start + randomBelow(rng, i - start + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return;
  }
  const draws = batch;
  const touch = end - start >= TOUCH_AHEAD_FROM;
  let touched = 0;
  // Swaps i = top .. top - count + 1 in each batch.
  for (let top = end - 1; top > start; ) {
    const count = Math.min(BATCH, top - start);
    rng.drawsBelow(draws, top - start + 1, count);
    for (let k = 0; k < count; k++) {
      if (touch && k + AHEAD < count) touched += a[start + draws[k + AHEAD]];
      const i = top - k;
      const j = start + draws[k];
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    top -= count;
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
