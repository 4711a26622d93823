/**
 * Neighbourhoods as offset lists sorted by distance, so that "the nearest X" is a scan in
 * order that can stop at the first ring (group of equally distant offsets) holding an X.
 * On a torus the offsets are clipped to one period in each direction: a cell is never listed
 * twice, however small the grid is compared with the radius.
 */

export type NeighbourhoodShape = 'euclidean' | 'moore' | 'von-neumann';

export interface NeighbourhoodOptions {
  readonly shape: NeighbourhoodShape;
  /** Cells at distance <= radius are included (Chebyshev for Moore, Manhattan for von Neumann). */
  readonly radius: number;
  /** Only cells at distance strictly below the radius (e.g. "within distance < 16"). */
  readonly strict?: boolean;
  /** Whether the own cell (distance 0) is part of it; it then comes first. */
  readonly includeSelf?: boolean;
  /** The torus the offsets are used on, to clip them to one period. */
  readonly torus?: { readonly width: number; readonly height: number };
}

export interface Neighbourhood {
  readonly shape: NeighbourhoodShape;
  readonly radius: number;
  readonly includesSelf: boolean;
  /** Number of offsets. */
  readonly size: number;
  readonly dx: Int32Array;
  readonly dy: Int32Array;
  /** Distance of each offset in the neighbourhood's own metric (squared for Euclidean). */
  readonly distance: Int32Array;
  /** Ring r holds offsets ringStart[r] .. ringStart[r + 1] - 1; length rings + 1. */
  readonly ringStart: Int32Array;
  readonly rings: number;
  /** Largest |dx| or |dy|. */
  readonly reach: number;
  readonly reachX: number;
  readonly reachY: number;
}

/** Distance in the shape's metric; Euclidean is squared so that it stays an exact integer. */
function metric(shape: NeighbourhoodShape, dx: number, dy: number): number {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  if (shape === 'euclidean') return ax * ax + ay * ay;
  if (shape === 'moore') return Math.max(ax, ay);
  return ax + ay;
}

export function neighbourhood(opts: NeighbourhoodOptions): Neighbourhood {
  const { shape, radius } = opts;
  if (!(radius >= 0) || !Number.isFinite(radius)) throw new Error(`neighbourhood radius must be a finite number >= 0, got ${radius}`);
  const reachAll = Math.floor(radius);
  // Euclidean distances are compared squared; a tiny tolerance keeps r = sqrt(2) inclusive.
  const limit = shape === 'euclidean' ? radius * radius : radius;
  const inside = (d: number): boolean => (opts.strict ? d < limit - 1e-9 : d <= limit + 1e-9);
  // One period of a torus of side n, centred as evenly as possible: -floor((n-1)/2) .. floor(n/2).
  const lo = (n: number | undefined): number => (n === undefined ? -reachAll : Math.max(-reachAll, -Math.floor((n - 1) / 2)));
  const hi = (n: number | undefined): number => (n === undefined ? reachAll : Math.min(reachAll, Math.floor(n / 2)));
  const xs = [lo(opts.torus?.width), hi(opts.torus?.width)];
  const ys = [lo(opts.torus?.height), hi(opts.torus?.height)];
  const list: [number, number, number][] = [];
  for (let dy = ys[0]; dy <= ys[1]; dy++) {
    for (let dx = xs[0]; dx <= xs[1]; dx++) {
      if (dx === 0 && dy === 0 && !opts.includeSelf) continue;
      const d = metric(shape, dx, dy);
      if (inside(d)) list.push([dx, dy, d]);
    }
  }
  // Row-major order within a ring keeps the layout deterministic and independent of the engine's sort.
  list.sort((a, b) => a[2] - b[2] || a[1] - b[1] || a[0] - b[0]);
  const size = list.length;
  const dx = new Int32Array(size);
  const dy = new Int32Array(size);
  const distance = new Int32Array(size);
  const starts: number[] = [];
  let reachX = 0;
  let reachY = 0;
  for (let i = 0; i < size; i++) {
    [dx[i], dy[i], distance[i]] = list[i];
    reachX = Math.max(reachX, Math.abs(dx[i]));
    reachY = Math.max(reachY, Math.abs(dy[i]));
    if (i === 0 || distance[i] !== distance[i - 1]) starts.push(i);
  }
  starts.push(size);
  return {
    shape,
    radius,
    includesSelf: opts.includeSelf ?? false,
    size,
    dx,
    dy,
    distance,
    ringStart: Int32Array.from(starts),
    rings: starts.length - 1,
    reach: Math.max(reachX, reachY),
    reachX,
    reachY,
  };
}
