/**
 * A static graph in compressed sparse row form: the neighbours of node i are
 * targets[offsets[i] .. offsets[i+1]). Built once from an edge list; no model knowledge.
 * Twenty million nodes with a handful of ties each fit in well under a gigabyte this way.
 */

export interface Csr {
  readonly n: number;
  /** n + 1 entries; offsets[n] is the number of stored arcs. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Label per arc (e.g. kind of tie), parallel to targets; absent when built with `labels: false`. */
  readonly kinds?: Uint8Array;
}

/** A growable list of edges (pairs of node ids with a small label), in insertion order. */
export class EdgeList {
  src: Int32Array;
  dst: Int32Array;
  kind: Uint8Array;
  size = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, Math.floor(capacity));
    this.src = new Int32Array(c);
    this.dst = new Int32Array(c);
    this.kind = new Uint8Array(c);
  }

  add(a: number, b: number, kind = 0): void {
    if (this.size === this.src.length) this.grow();
    this.src[this.size] = a;
    this.dst[this.size] = b;
    this.kind[this.size] = kind;
    this.size++;
  }

  private grow(): void {
    const c = Math.ceil(this.src.length * 1.5) + 16;
    const src = new Int32Array(c);
    const dst = new Int32Array(c);
    const kind = new Uint8Array(c);
    src.set(this.src);
    dst.set(this.dst);
    kind.set(this.kind);
    this.src = src;
    this.dst = dst;
    this.kind = kind;
  }
}

export interface BuildOptions {
  /** Store each edge in both directions (default true). */
  readonly undirected?: boolean;
  /** Keep each arc's label in `kinds` (default true); a model that can tell kinds apart otherwise saves a byte per arc. */
  readonly labels?: boolean;
}

/** Receives the edges of a graph one by one (a and b node ids, kind a small label). */
export type AddEdge = (a: number, b: number, kind?: number) => void;

/**
 * Counting sort of the arcs by source. Stable, so arcs of a node keep the order in which the
 * edges were added: the same edge list always gives the same bytes.
 */
export function buildCsr(n: number, edges: EdgeList, options: BuildOptions = {}): Csr {
  const { src, dst, kind } = edges;
  return buildCsrByReplay(
    n,
    (add) => {
      for (let e = 0; e < edges.size; e++) add(src[e], dst[e], kind[e]);
    },
    options,
  );
}

/**
 * The same graph as `buildCsr` of the edges `generate` adds, without storing them: `generate`
 * runs twice, once to count each node's arcs and once to place them, so it must add the same
 * edges in the same order both times (give it the same seeded generator state each time). For
 * twenty million nodes this saves the edge list, about 9 bytes per edge, at the peak of the
 * build.
 *
 * The placement is a scatter to random rows, bound by cache misses, so it keeps one array per
 * arc end: each row's next free slot lives in `offsets` itself, one entry ahead (after the
 * placement that entry is the row's end, which is what `offsets` must hold), and a replay that
 * drifts is caught by a fingerprint of both passes' edge sequences rather than by bounds checks
 * per arc.
 */
export function buildCsrByReplay(n: number, generate: (add: AddEdge) => void, options: BuildOptions = {}): Csr {
  const undirected = options.undirected ?? true;
  const offsets = new Int32Array(n + 1);
  const batch = new EdgeBatch();
  let m = 0;
  let counted = 0;
  const count = (size: number): void => {
    const { a, b } = batch;
    for (let k = 0; k < size; k++) offsets[a[k] + 1]++;
    if (undirected) for (let k = 0; k < size; k++) offsets[b[k] + 1]++;
  };
  generate((a, b, kind = 0) => {
    if (!(a >= 0 && a < n && b >= 0 && b < n)) throw new RangeError(`edge ${m} (${a}, ${b}) outside 0..${n - 1}`);
    counted = fingerprint(counted, a, b, kind);
    m++;
    if (batch.push(a, b, kind)) count(batch.flush());
  });
  count(batch.flush());
  // offsets[i + 1] = where row i starts; each placement in row i moves it on by one.
  let start = 0;
  for (let i = 0; i < n; i++) {
    const d = offsets[i + 1];
    offsets[i + 1] = start;
    start += d;
  }
  const targets = new Int32Array(start);
  const kinds = options.labels === false ? undefined : new Uint8Array(start);
  let placed = 0;
  let replayed = 0;
  // In edge order, as the edges came: the batch only lets the scattered reads and writes of a
  // thousand edges overlap, where one edge at a time between the generator's work they would not.
  const place = (size: number): void => {
    const { a, b, kind, slotA, slotB } = batch;
    for (let k = 0; k < size; k++) {
      slotA[k] = offsets[a[k] + 1]++;
      if (undirected) slotB[k] = offsets[b[k] + 1]++;
    }
    for (let k = 0; k < size; k++) targets[slotA[k]] = b[k];
    if (undirected) for (let k = 0; k < size; k++) targets[slotB[k]] = a[k];
    if (kinds) {
      for (let k = 0; k < size; k++) kinds[slotA[k]] = kind[k];
      if (undirected) for (let k = 0; k < size; k++) kinds[slotB[k]] = kind[k];
    }
  };
  generate((a, b, kind = 0) => {
    if (!(a >= 0 && a < n && b >= 0 && b < n)) throw mismatch(placed);
    replayed = fingerprint(replayed, a, b, kind);
    if (placed >= m) throw mismatch(placed);
    placed++;
    if (batch.push(a, b, kind)) place(batch.flush());
  });
  place(batch.flush());
  if (placed !== m || replayed !== counted) throw mismatch(Math.min(placed, m));
  return { n, offsets, targets, kinds };
}

/** Edges held back for a pass of buildCsrByReplay to do their scattered work together. */
class EdgeBatch {
  static readonly SIZE = 1024;
  readonly a = new Int32Array(EdgeBatch.SIZE);
  readonly b = new Int32Array(EdgeBatch.SIZE);
  readonly kind = new Uint8Array(EdgeBatch.SIZE);
  readonly slotA = new Int32Array(EdgeBatch.SIZE);
  readonly slotB = new Int32Array(EdgeBatch.SIZE);
  private size = 0;
  /** True when the batch is full. */
  push(a: number, b: number, kind: number): boolean {
    this.a[this.size] = a;
    this.b[this.size] = b;
    this.kind[this.size] = kind;
    return ++this.size === EdgeBatch.SIZE;
  }
  /** Empties the batch; returns how many edges it held. */
  flush(): number {
    const size = this.size;
    this.size = 0;
    return size;
  }
}

function mismatch(edge: number): Error {
  return new Error(`buildCsrByReplay: the second pass added other edges than the first (by edge ${edge}); the generator must replay exactly`);
}

/** An order-sensitive 32-bit hash of an edge sequence, one edge at a time. */
function fingerprint(h: number, a: number, b: number, kind: number): number {
  h = Math.imul(h ^ a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca77);
  return Math.imul(h ^ kind, 0xc2b2ae3d) ^ (h >>> 15);
}

/** Neighbours of i as a view (no copy). In hot loops read offsets/targets directly instead. */
export function neighbours(g: Csr, i: number): Int32Array {
  return g.targets.subarray(g.offsets[i], g.offsets[i + 1]);
}

export function degree(g: Csr, i: number): number {
  return g.offsets[i + 1] - g.offsets[i];
}
