/**
 * Agents at rest who still carry harm: their grievance and lost legitimacy only fade while they
 * rest, so what could make one protest-minded again is its region's legitimacy falling, or its
 * hardship factor changing. Each gets a key when it comes to rest, the legitimacy below which it
 * might turn protest-minded (`wakeLegitimacy`), kept per region in a max-heap; every week the
 * sweep wakes those whose key the region's legitimacy has fallen to. A change of the region's
 * hardship factor wakes the region's resting agents (it is rare: a shock's start and end).
 *
 * Waking early costs a visit and changes no number (the agent is visited, found not minded, and
 * rests again); waking late would, so keys err upward.
 */

/** Absolute slack on the threshold: far above the rounding of G's few float64 operations. */
const THRESHOLD_MARGIN = 1e-9;
/** Added to a key before it is stored as float32 (whose rounding of keys up to 2 is below 2.4e-7). */
const KEY_MARGIN = 1e-6;

/**
 * The region legitimacy below which an agent of hardship h, harm-driven grievance at most b and
 * lost legitimacy at most l might be protest-minded at a hardship factor of at most mul:
 * with G = h mul (1 - max(0, L - l)) + b, G > T needs L < l + 1 - (T - b) / (h mul).
 * -Infinity: never at this factor; Infinity: it might be now (it must not rest).
 */
export function wakeLegitimacy(h: number, b: number, l: number, mul: number, T: number): number {
  const slack = T - THRESHOLD_MARGIN - b;
  if (!(slack > 0)) return Infinity;
  const q = slack / (h * mul);
  if (!(q < 1)) return -Infinity;
  return l + 1 - q + KEY_MARGIN;
}

export class LegitimacyWakes {
  private keys: Float32Array[];
  private ids: Int32Array[];
  /** The rest mark (TouchedAgents' timer) an entry was made for: other marks are stale entries. */
  private marks: Uint16Array[];
  private readonly size: Int32Array;
  /** Entries kept at the last compaction: the heap is compacted when it grows to twice as many. */
  private readonly kept: Int32Array;
  /** The hardship factor the keys of a region were made at (NaN: none yet). */
  private readonly factor: Float64Array;
  /** Agents woken: by a key, and by a change of their region's hardship factor. */
  readonly woken = { legitimacy: 0, factor: 0 };

  constructor(
    regions: number,
    private readonly timer: Uint16Array,
  ) {
    this.keys = Array.from({ length: regions }, () => new Float32Array(64));
    this.ids = Array.from({ length: regions }, () => new Int32Array(64));
    this.marks = Array.from({ length: regions }, () => new Uint16Array(64));
    this.size = new Int32Array(regions);
    this.kept = new Int32Array(regions);
    this.factor = new Float64Array(regions).fill(NaN);
  }

  /** Whether the keys of region r were made at this hardship factor (false: the caller wakes the region's resting agents and calls `reset`). */
  holds(r: number, mul: number): boolean {
    return this.factor[r] === mul;
  }

  /** Drops region r's keys: its resting agents have been woken; new keys are made at `mul`. */
  reset(r: number, mul: number, woken: number): void {
    this.size[r] = 0;
    this.kept[r] = 0;
    this.factor[r] = mul;
    this.woken.factor += woken;
  }

  /** Agent i of region r has come to rest with the timer mark `mark` and wake key `key`. */
  add(r: number, i: number, key: number, mark: number): void {
    if (this.size[r] === this.keys[r].length) this.grow(r);
    const stored = Math.fround(key);
    const keys = this.keys[r];
    const ids = this.ids[r];
    const marks = this.marks[r];
    let c = this.size[r]++;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (keys[p] >= stored) break;
      keys[c] = keys[p];
      ids[c] = ids[p];
      marks[c] = marks[p];
      c = p;
    }
    keys[c] = stored;
    ids[c] = i;
    marks[c] = mark;
    if (this.size[r] > 2 * this.kept[r] + 4096) this.compact(r);
  }

  /** Calls wake(i) for each agent of region r still at rest whose key is at or above `legitimacy`. */
  due(r: number, legitimacy: number, wake: (i: number) => void): void {
    const keys = this.keys[r];
    const ids = this.ids[r];
    const marks = this.marks[r];
    while (this.size[r] > 0 && keys[0] >= legitimacy) {
      const i = ids[0];
      const mark = marks[0];
      this.pop(r);
      if (this.timer[i] === mark) {
        this.woken.legitimacy++;
        wake(i);
      }
    }
  }

  private pop(r: number): void {
    const keys = this.keys[r];
    const ids = this.ids[r];
    const marks = this.marks[r];
    const last = --this.size[r];
    const k = keys[last];
    const id = ids[last];
    const mark = marks[last];
    let c = 0;
    while (true) {
      const l = 2 * c + 1;
      if (l >= last) break;
      const m = l + 1 < last && keys[l + 1] > keys[l] ? l + 1 : l;
      if (keys[m] <= k) break;
      keys[c] = keys[m];
      ids[c] = ids[m];
      marks[c] = marks[m];
      c = m;
    }
    keys[c] = k;
    ids[c] = id;
    marks[c] = mark;
  }

  /** Keeps the entries of agents still at rest under the mark they were made for, as a heap again. */
  private compact(r: number): void {
    const keys = this.keys[r];
    const ids = this.ids[r];
    const marks = this.marks[r];
    const n = this.size[r];
    let kept = 0;
    for (let e = 0; e < n; e++) {
      if (this.timer[ids[e]] !== marks[e]) continue;
      keys[kept] = keys[e];
      ids[kept] = ids[e];
      marks[kept] = marks[e];
      kept++;
    }
    // Re-inserted in place: entry e is read before the insertion at size e moves anything into it.
    this.kept[r] = kept;
    for (let e = 0; e < kept; e++) {
      const k = keys[e];
      const id = ids[e];
      const mark = marks[e];
      this.size[r] = e;
      this.add(r, id, k, mark);
    }
    this.size[r] = kept;
  }

  private grow(r: number): void {
    const n = Math.ceil(this.keys[r].length * 1.5) + 16;
    const keys = new Float32Array(n);
    const ids = new Int32Array(n);
    const marks = new Uint16Array(n);
    keys.set(this.keys[r]);
    ids.set(this.ids[r]);
    marks.set(this.marks[r]);
    this.keys[r] = keys;
    this.ids[r] = ids;
    this.marks[r] = marks;
  }
}
