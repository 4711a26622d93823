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
 */
export function buildCsrByReplay(n: number, generate: (add: AddEdge) => void, options: BuildOptions = {}): Csr {
  const undirected = options.undirected ?? true;
  const offsets = new Int32Array(n + 1);
  let m = 0;
  generate((a, b) => {
    if (!(a >= 0 && a < n && b >= 0 && b < n)) throw new RangeError(`edge ${m} (${a}, ${b}) outside 0..${n - 1}`);
    offsets[a + 1]++;
    if (undirected) offsets[b + 1]++;
    m++;
  });
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const total = offsets[n];
  const targets = new Int32Array(total);
  const kinds = options.labels === false ? undefined : new Uint8Array(total);
  const fill = offsets.slice(0, n);
  let placed = 0;
  const mismatch = () => new Error(`buildCsrByReplay: the second pass added other edges than the first (edge ${placed}); the generator must replay exactly`);
  generate((a, b, kind = 0) => {
    if (placed >= m || !(a >= 0 && a < n && b >= 0 && b < n) || fill[a] >= offsets[a + 1]) throw mismatch();
    let p = fill[a]++;
    targets[p] = b;
    if (kinds) kinds[p] = kind;
    if (undirected) {
      if (fill[b] >= offsets[b + 1]) throw mismatch();
      p = fill[b]++;
      targets[p] = a;
      if (kinds) kinds[p] = kind;
    }
    placed++;
  });
  if (placed !== m) throw mismatch();
  return { n, offsets, targets, kinds };
}

/** Neighbours of i as a view (no copy). In hot loops read offsets/targets directly instead. */
export function neighbours(g: Csr, i: number): Int32Array {
  return g.targets.subarray(g.offsets[i], g.offsets[i + 1]);
}

export function degree(g: Csr, i: number): number {
  return g.offsets[i + 1] - g.offsets[i];
}
