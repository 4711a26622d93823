import type { Neighbourhood } from './neighbourhood.js';

/**
 * A width x height torus of cells numbered row-major (cell = y * width + x). Wrapping goes
 * through lookup tables rather than `%`, and neighbourhood scans of cells far enough from the
 * edges use plain linear offsets; `pad` is the largest offset the tables must cover.
 * A cell's coordinates come from a multiplication by 1 / width, not from per-cell tables: on
 * large grids such tables (4 bytes a cell) miss the cache on nearly every read.
 */
export class Torus {
  readonly size: number;
  /** 1 / width, for `y`. */
  readonly inverseWidth: number;
  /** x + pad -> x mod width, for x in [-pad, width + pad). */
  readonly colWrap: Int32Array;
  /** y + pad -> (y mod height) * width. */
  readonly rowBase: Int32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly pad: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new Error(`torus sides must be positive integers, got ${width} x ${height}`);
    }
    this.size = width * height;
    // floor((cell + 0.5) / width) by a multiplication is exact while size * width < 2^51: the
    // rounding error stays below half the distance 0.5 / width to the next whole number.
    if (this.size * width >= 2 ** 51) throw new Error(`a ${width} x ${height} torus is too large`);
    this.inverseWidth = 1 / width;
    this.colWrap = new Int32Array(width + 2 * pad);
    this.rowBase = new Int32Array(height + 2 * pad);
    for (let i = 0; i < width + 2 * pad; i++) this.colWrap[i] = mod(i - pad, width);
    for (let i = 0; i < height + 2 * pad; i++) this.rowBase[i] = mod(i - pad, height) * width;
  }

  /** Row of a cell. */
  y(cell: number): number {
    return Math.floor((cell + 0.5) * this.inverseWidth);
  }

  /** Column of a cell. */
  x(cell: number): number {
    return cell - Math.floor((cell + 0.5) * this.inverseWidth) * this.width;
  }

  cell(x: number, y: number): number {
    return mod(y, this.height) * this.width + mod(x, this.width);
  }

  /** The cell at (dx, dy) from `cell`; |dx|, |dy| <= pad. */
  offset(cell: number, dx: number, dy: number): number {
    const y = Math.floor((cell + 0.5) * this.inverseWidth);
    return this.rowBase[y + dy + this.pad] + this.colWrap[cell - y * this.width + dx + this.pad];
  }

  /** True when every offset up to `reach` from `cell` stays on the grid without wrapping. */
  interior(cell: number, reach: number): boolean {
    const x = this.x(cell);
    const y = this.y(cell);
    return x >= reach && x < this.width - reach && y >= reach && y < this.height - reach;
  }

  /** dy * width + dx for each offset: the neighbour's cell for interior cells. */
  linearOffsets(hood: Neighbourhood): Int32Array {
    if (hood.reach > this.pad) throw new Error(`neighbourhood reach ${hood.reach} exceeds the torus pad ${this.pad}`);
    const lin = new Int32Array(hood.size);
    for (let k = 0; k < hood.size; k++) lin[k] = hood.dy[k] * this.width + hood.dx[k];
    return lin;
  }

  /** Every cell's neighbours as one flat table (cell * hood.size + k): for small grids or hoods. */
  neighbourTable(hood: Neighbourhood): Int32Array {
    const table = new Int32Array(this.size * hood.size);
    for (let c = 0; c < this.size; c++) {
      for (let k = 0; k < hood.size; k++) table[c * hood.size + k] = this.offset(c, hood.dx[k], hood.dy[k]);
    }
    return table;
  }
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/**
 * Which agents stand on each cell: `head[cell]` is an agent id or -1, and agents sharing a
 * cell are chained through `next`/`prev`. Rules that keep at most one agent per cell build it
 * `single`: no chains at all (8 bytes an agent less), and placing an agent on an occupied cell
 * is an error. `occupied` mirrors `head !== -1` in a byte per cell, for scans that only ask
 * whether a cell is free (a quarter of the memory they would otherwise read).
 */
export class CellOccupants {
  readonly head: Int32Array;
  readonly occupied: Uint8Array;
  next: Int32Array;
  prev: Int32Array;

  constructor(
    cells: number,
    agentCapacity: number,
    readonly single = false,
  ) {
    this.head = new Int32Array(cells).fill(-1);
    this.occupied = new Uint8Array(cells);
    this.next = new Int32Array(single ? 0 : agentCapacity).fill(-1);
    this.prev = new Int32Array(single ? 0 : agentCapacity).fill(-1);
  }

  /** Grows the per-agent chains to hold ids below `capacity`. */
  ensureAgents(capacity: number): void {
    if (this.single || capacity <= this.next.length) return;
    const next = new Int32Array(capacity).fill(-1);
    const prev = new Int32Array(capacity).fill(-1);
    next.set(this.next);
    prev.set(this.prev);
    this.next = next;
    this.prev = prev;
  }

  isEmpty(cell: number): boolean {
    return this.head[cell] === -1;
  }

  /** The agent after `id` on its cell, or -1. */
  after(id: number): number {
    return this.single ? -1 : this.next[id];
  }

  /** Number of agents on a cell (walks its chain: for tests and rare checks, not hot loops). */
  countOn(cell: number): number {
    let n = 0;
    for (let id = this.head[cell]; id !== -1; id = this.after(id)) n++;
    return n;
  }

  insert(id: number, cell: number): void {
    const h = this.head[cell];
    if (this.single) {
      if (h !== -1) throw new Error(`cell ${cell} already holds agent ${h}; these rules keep one agent per cell`);
    } else {
      this.next[id] = h;
      this.prev[id] = -1;
      if (h !== -1) this.prev[h] = id;
    }
    this.head[cell] = id;
    this.occupied[cell] = 1;
  }

  remove(id: number, cell: number): void {
    if (this.single) {
      if (this.head[cell] !== id) throw new Error(`agent ${id} is not on cell ${cell}`);
      this.head[cell] = -1;
      this.occupied[cell] = 0;
      return;
    }
    const p = this.prev[id];
    const n = this.next[id];
    if (p === -1) {
      if (this.head[cell] !== id) throw new Error(`agent ${id} is not on cell ${cell}`);
      this.head[cell] = n;
      if (n === -1) this.occupied[cell] = 0;
    } else this.next[p] = n;
    if (n !== -1) this.prev[n] = p;
    this.next[id] = -1;
    this.prev[id] = -1;
  }
}
