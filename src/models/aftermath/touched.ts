import { fadeFactor } from './core/harm.js';
import { READ_AHEAD } from './state.js';

/**
 * The touched agents the weekly sweep visits, in id order, and the agents at rest.
 *
 * An agent at rest is a free agent whose week would change nothing but the fading of its
 * harm-driven grievance and lost legitimacy (see Sweep.mayRest): it leaves the list, and its
 * fades are owed. When anything touches it again it wakes: the fades it missed are applied one
 * week at a time, exactly as the sweep would have applied them (the same float32 products), and
 * it is visited where its id falls in this week's order. So resting changes no number of a run
 * (tested against runs where nobody rests) and saves the visits of the quiet majority.
 *
 * Its `timer` (unused while free) holds 1 + the sweep it came to rest in, mod 65535; 0 is awake.
 */
export class TouchedAgents {
  /** This week's visiting order: ids[0 .. sorted) ascending, then agents touched since, in order. */
  ids: Int32Array;
  size = 0;
  private sorted = 0;
  /** Sweeps completed so far. */
  sweeps = 0;
  /** During a visit: the id being visited in the ascending part, or Infinity in the tail; else -1. */
  private cursor = -1;
  private out: Int32Array;
  private outSize = 0;
  private outSorted = 0;
  /** Woken during the visit at ids still ahead: a min-heap, visited in id order. */
  private ahead = new Int32Array(64);
  private aheadSize = 0;
  /** Woken during the visit at ids already passed: their week was a rest; visited from next week. */
  private passed = new Int32Array(64);
  private passedSize = 0;
  private readonly fade: number;
  /** How many rests ended, by when in the week: outside the visit, ahead of it, behind it. */
  readonly wakes = { outside: 0, ahead: 0, behind: 0 };

  constructor(
    private readonly flags: Uint8Array,
    private readonly timer: Uint16Array,
    private readonly bonus: Float32Array,
    private readonly legitimacyLoss: Float32Array,
    halfLife: number,
    capacity = 1 << 16,
  ) {
    this.ids = new Int32Array(capacity);
    this.out = new Int32Array(capacity);
    this.fade = fadeFactor(halfLife);
  }

  /** Adds an agent whose TOUCHED flag the caller has just set, waking it if it was at rest. */
  add(i: number): void {
    const t = this.timer[i];
    if (t === 0) {
      this.push(i);
      return;
    }
    this.timer[i] = 0;
    const slept = t - 1;
    const now = this.sweeps % 65535;
    // -1: it came to rest in the visit under way, after its own week (woken later in the same visit).
    let owed = now - slept;
    if (owed < -1) owed += 65535;
    if (this.cursor < 0) {
      this.wakes.outside++;
      this.catchUp(i, owed);
      this.push(i);
    } else if (i > this.cursor) {
      this.wakes.ahead++;
      this.catchUp(i, owed);
      this.ahead = heapPush(this.ahead, this.aheadSize++, i);
    } else {
      // The sweep is past it: in a run where nobody rests it was visited there, and faded.
      this.wakes.behind++;
      this.catchUp(i, owed + 1);
      if (this.passedSize === this.passed.length) this.passed = grow(this.passed, this.passedSize);
      this.passed[this.passedSize++] = i;
    }
  }

  /** Puts agent i to rest in the sweep under way (the caller has cleared its TOUCHED flag). */
  rest(i: number): void {
    this.timer[i] = 1 + ((this.sweeps + 1) % 65535);
  }

  /** Starts the week's visit: the ascending merge of last week's order and everyone touched since. */
  begin(): void {
    const head = this.sorted;
    if (this.size > head) this.ids.subarray(head, this.size).sort();
    if (this.out.length < this.size) this.out = new Int32Array(this.ids.length);
    const a = this.ids;
    const o = this.out;
    let x = 0;
    let y = head;
    let k = 0;
    while (x < head && y < this.size) o[k++] = a[x] < a[y] ? a[x++] : a[y++];
    while (x < head) o[k++] = a[x++];
    while (y < this.size) o[k++] = a[y++];
    this.out = a;
    this.ids = o;
    this.sorted = this.size;
    this.outSize = 0;
    this.cursor = -1;
  }

  /**
   * Visits everyone in order; `visit` returns false for an agent that came to rest. Agents
   * touched during the visit are visited too: those woken ahead of the cursor in id order, the
   * rest (first touched this week) at the end in the order they were touched.
   */
  visit(visit: (i: number) => boolean, warm?: (ids: Int32Array, from: number, to: number) => void): void {
    let k = 0;
    let warmed = 0;
    while (true) {
      if (warm && k >= warmed && k < this.size) {
        warmed = Math.min(this.size, k + READ_AHEAD);
        warm(this.ids, k, warmed);
      }
      let i: number;
      if (this.aheadSize > 0 && (k >= this.sorted || this.ahead[0] < this.ids[k])) {
        i = heapPop(this.ahead, this.aheadSize--);
      } else if (k < this.sorted) {
        i = this.ids[k++];
      } else if (k < this.size) {
        if (this.cursor !== Infinity) {
          this.cursor = Infinity;
          this.outSorted = this.outSize;
        }
        i = this.ids[k++];
      } else break;
      if (this.cursor !== Infinity) this.cursor = i;
      if (visit(i)) this.keep(i);
    }
    if (this.cursor !== Infinity) this.outSorted = this.outSize;
    for (let p = 0; p < this.passedSize; p++) this.keep(this.passed[p]);
    this.passedSize = 0;
    const next = this.out;
    this.out = this.ids;
    this.ids = next;
    this.size = this.outSize;
    this.sorted = this.outSorted;
    this.cursor = -1;
    this.sweeps++;
  }

  private keep(i: number): void {
    if (this.outSize === this.out.length) this.out = grow(this.out, this.outSize);
    this.out[this.outSize++] = i;
  }

  private push(i: number): void {
    if (this.size === this.ids.length) this.ids = grow(this.ids, this.size);
    this.ids[this.size++] = i;
  }

  private catchUp(i: number, weeks: number): void {
    const f = this.fade;
    if (f === 1) return;
    for (let n = weeks; n > 0 && this.bonus[i] > 0; n--) this.bonus[i] *= f;
    for (let n = weeks; n > 0 && this.legitimacyLoss[i] > 0; n--) this.legitimacyLoss[i] *= f;
  }
}

function grow(a: Int32Array, used: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.ceil(a.length * 1.5) + 16);
  next.set(a.subarray(0, used));
  return next;
}

function heapPush(h: Int32Array<ArrayBuffer>, size: number, v: number): Int32Array<ArrayBuffer> {
  if (size === h.length) h = grow(h, size);
  let c = size;
  h[c] = v;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (h[p] <= h[c]) break;
    const t = h[p];
    h[p] = h[c];
    h[c] = t;
    c = p;
  }
  return h;
}

function heapPop(h: Int32Array, size: number): number {
  const top = h[0];
  const last = size - 1;
  h[0] = h[last];
  let c = 0;
  while (true) {
    const l = 2 * c + 1;
    if (l >= last) break;
    const m = l + 1 < last && h[l + 1] < h[l] ? l + 1 : l;
    if (h[c] <= h[m]) break;
    const t = h[m];
    h[m] = h[c];
    h[c] = t;
    c = m;
  }
  return top;
}
