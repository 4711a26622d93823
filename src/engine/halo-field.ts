import type { Torus } from './lattice.js';
import type { Neighbourhood } from './neighbourhood.js';

/** A neighbourhood as runs of a halo field's entries (`HaloField.runs`). */
export interface HaloRuns {
  readonly start: Int32Array;
  readonly length: Int32Array;
  readonly count: number;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly pairLength: Int32Array;
  readonly pairs: number;
  readonly restStart: Int32Array;
  readonly restLength: Int32Array;
  readonly rest: number;
}

/**
 * The sum of `data` over the runs of a neighbourhood around the entry `centre`, in their paired
 * form (`HaloField.runs`): the pairs, two entries of each of two runs per pass (four loads into
 * two sums, short dependency chains), then the unpaired runs. The tight loop of the Epstein
 * rules calls it for every citizen.
 */
export function sumHaloRuns(
  data: Int32Array | Uint16Array,
  centre: number,
  pairA: Int32Array,
  pairB: Int32Array,
  pairLength: Int32Array,
  pairs: number,
  restStart: Int32Array,
  restLength: Int32Array,
  rest: number,
): number {
  let a = 0;
  let b = 0;
  for (let p = 0; p < pairs; p++) {
    let i = centre + pairA[p];
    let j = centre + pairB[p];
    const to = i + pairLength[p] - 1;
    for (; i < to; i += 2, j += 2) {
      a += data[i] + data[j];
      b += data[i + 1] + data[j + 1];
    }
    if (i === to) a += data[i] + data[j];
  }
  for (let r = 0; r < rest; r++) {
    let j = centre + restStart[r];
    const to = j + restLength[r];
    for (; j + 1 < to; j += 2) {
      a += data[j];
      b += data[j + 1];
    }
    if (j < to) a += data[j];
  }
  return a + b;
}

/**
 * An integer per torus cell, stored with a halo: the grid padded by `padX` cells left and right
 * and `padY` above and below, the padding holding copies of the cells across the seam. A neighbourhood sum around any cell
 * is then a few runs of consecutive memory, with no wrapping and no special case at the edges.
 * Writes cost up to four copies, so it suits fields that are read far more than written (the
 * count of cops and actives that every citizen looks at, which only cops and actives change).
 */
export class HaloField {
  /** 16-bit cells when every value (and every copy's) is known to stay in 0..65535: half the memory a sum reads. */
  readonly data: Int32Array | Uint16Array;
  /** Row length of the padded grid. */
  readonly stride: number;
  private readonly width: number;
  private readonly height: number;

  constructor(
    private readonly torus: Torus,
    readonly padX: number,
    readonly padY: number = padX,
    cellBits: 16 | 32 = 32,
  ) {
    // A wider halo would need copies on both sides of a cell; neighbourhoods clipped to the torus never ask for one.
    if (2 * padX > torus.width || 2 * padY > torus.height) {
      throw new Error(`a halo of ${padX} x ${padY} is more than half the ${torus.width} x ${torus.height} torus`);
    }
    this.width = torus.width;
    this.height = torus.height;
    this.stride = torus.width + 2 * padX;
    const length = this.stride * (torus.height + 2 * padY);
    this.data = cellBits === 16 ? new Uint16Array(length) : new Int32Array(length);
  }

  /** Index in `data` of a cell's own (unpadded) copy. */
  index(cell: number): number {
    const y = this.torus.y(cell);
    return (y + this.padY) * this.stride + cell - y * this.width + this.padX;
  }

  get(cell: number): number {
    return this.data[this.index(cell)];
  }

  /** Adds `delta` to a cell and to each of its copies in the halo. */
  add(cell: number, delta: number): void {
    if (delta === 0) return;
    const y = this.torus.y(cell);
    const x = cell - y * this.width;
    const px = this.padX;
    const py = this.padY;
    const w = this.width;
    const h = this.height;
    // Copies sit one period to the right (x < padX) or left (x >= width - padX), likewise in y.
    const x2 = x < px ? x + w : x >= w - px ? x - w : x;
    const y2 = y < py ? y + h : y >= h - py ? y - h : y;
    const s = this.stride;
    const d = this.data;
    d[(y + py) * s + x + px] += delta;
    if (x2 !== x) d[(y + py) * s + x2 + px] += delta;
    if (y2 !== y) {
      d[(y2 + py) * s + x + px] += delta;
      if (x2 !== x) d[(y2 + py) * s + x2 + px] += delta;
    }
  }

  /** dy * stride + dx for each offset of a neighbourhood (within the halo). */
  offsets(hood: Neighbourhood): Int32Array {
    this.checkReach(hood);
    const out = new Int32Array(hood.size);
    for (let k = 0; k < hood.size; k++) out[k] = hood.dy[k] * this.stride + hood.dx[k];
    return out;
  }

  /**
   * The neighbourhood as runs of consecutive entries: run r is start[r] .. start[r] + length[r] - 1
   * from the centre. For sums, the runs are also paired by length (a symmetric neighbourhood's
   * rows dy and -dy, and the two halves of a row split by the own cell): pair p covers
   * pairLength[p] entries from pairA[p] and as many from pairB[p], so one loop adds up two runs;
   * the runs left without a partner are restStart / restLength.
   */
  runs(hood: Neighbourhood): HaloRuns {
    this.checkReach(hood);
    const keys: [number, number][] = [];
    for (let k = 0; k < hood.size; k++) keys.push([hood.dy[k], hood.dx[k]]);
    keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const start: number[] = [];
    const length: number[] = [];
    keys.forEach(([dy, dx], i) => {
      const prev = keys[i - 1];
      if (i > 0 && prev[0] === dy && prev[1] === dx - 1) length[length.length - 1]++;
      else {
        start.push(dy * this.stride + dx);
        length.push(1);
      }
    });
    const pairA: number[] = [];
    const pairB: number[] = [];
    const pairLength: number[] = [];
    const restStart: number[] = [];
    const restLength: number[] = [];
    const waiting = new Map<number, number>();
    start.forEach((s, r) => {
      const partner = waiting.get(length[r]);
      if (partner === undefined) waiting.set(length[r], s);
      else {
        pairA.push(partner);
        pairB.push(s);
        pairLength.push(length[r]);
        waiting.delete(length[r]);
      }
    });
    for (const [n, s] of waiting) {
      restStart.push(s);
      restLength.push(n);
    }
    return {
      start: Int32Array.from(start),
      length: Int32Array.from(length),
      count: start.length,
      pairA: Int32Array.from(pairA),
      pairB: Int32Array.from(pairB),
      pairLength: Int32Array.from(pairLength),
      pairs: pairA.length,
      restStart: Int32Array.from(restStart),
      restLength: Int32Array.from(restLength),
      rest: restStart.length,
    };
  }

  /** Sum over a neighbourhood given as runs (from `runs`). */
  sumRuns(cell: number, runs: HaloRuns): number {
    return sumHaloRuns(this.data, this.index(cell), runs.pairA, runs.pairB, runs.pairLength, runs.pairs, runs.restStart, runs.restLength, runs.rest);
  }

  private checkReach(hood: Neighbourhood): void {
    if (hood.reachX > this.padX || hood.reachY > this.padY) {
      throw new Error(`neighbourhood reach ${hood.reachX} x ${hood.reachY} exceeds the halo ${this.padX} x ${this.padY}`);
    }
  }
}
