/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), for scenario discovery: find
 * a box in factor space where the outcome of interest is concentrated. Peeling repeatedly removes
 * the alpha share of the box's points along whichever face leaves the highest density; pasting
 * then grows the chosen box back along faces while that raises the density.
 */
export interface PrimLimit {
  readonly lo: number;
  readonly hi: number;
}

export interface PrimBox {
  /** Inclusive bounds per dimension; unrestricted sides equal the data's range. */
  readonly limits: PrimLimit[];
  /** Dimensions whose limits are tighter than the data's range. */
  readonly restricted: number[];
  /** Share of all "yes" (sum of y) that lies in the box. */
  readonly coverage: number;
  /** Mean of y in the box (share of "yes" for 0/1 outcomes). */
  readonly density: number;
  /** Share of all points in the box. */
  readonly mass: number;
  readonly count: number;
}

export interface PrimOptions {
  /** Share of the box's points peeled (and pasted) per step; default 0.05. */
  readonly alpha?: number;
  /** Peeling stops before the box would hold less than this share of points; default 0.05. */
  readonly minMass?: number;
  /** Paste the selected box; default true. */
  readonly paste?: boolean;
  /**
   * Which peeling box to select: by default the densest (ties to the larger mass); with a target,
   * the largest-mass box whose density reaches it.
   */
  readonly targetDensity?: number;
}

export interface PrimResult {
  /** The peeling trajectory, from the whole space to the smallest box. */
  readonly trajectory: PrimBox[];
  /** Index in the trajectory of the selected box. */
  readonly selected: number;
  /** The selected box, after pasting when enabled. */
  readonly box: PrimBox;
}

export function prim(x: readonly (readonly number[])[], y: ArrayLike<number | boolean>, options: PrimOptions = {}): PrimResult {
  const n = x.length;
  if (n === 0) throw new RangeError('prim: no points');
  if (y.length !== n) throw new RangeError(`prim: ${y.length} outcomes for ${n} points`);
  const d = x[0].length;
  const yy = Float64Array.from({ length: n }, (_, i) => Number(y[i]));
  const alpha = options.alpha ?? 0.05;
  const minMass = options.minMass ?? 0.05;
  const totalY = yy.reduce((a, v) => a + v, 0);
  const range: PrimLimit[] = Array.from({ length: d }, (_, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const row of x) {
      if (row[j] < lo) lo = row[j];
      if (row[j] > hi) hi = row[j];
    }
    return { lo, hi };
  });
  const describe = (limits: PrimLimit[], members: readonly number[]): PrimBox => {
    let s = 0;
    for (const i of members) s += yy[i];
    return {
      limits,
      restricted: limits.flatMap((l, j) => (l.lo > range[j].lo || l.hi < range[j].hi ? [j] : [])),
      coverage: totalY > 0 ? s / totalY : 0,
      density: members.length ? s / members.length : 0,
      mass: members.length / n,
      count: members.length,
    };
  };

  let members = Array.from({ length: n }, (_, i) => i);
  let limits = range.map((l) => ({ ...l }));
  const trajectory: PrimBox[] = [describe(limits, members)];
  for (;;) {
    const peel = bestPeel(x, yy, members, limits, alpha, Math.ceil(minMass * n));
    if (!peel) break;
    members = peel.members;
    limits = peel.limits;
    trajectory.push(describe(limits, members));
  }

  const selected = selectBox(trajectory, options.targetDensity);
  let box = trajectory[selected];
  if (options.paste ?? true) box = describe(...paste(x, yy, box.limits, alpha));
  return { trajectory, selected, box };
}

interface Peel {
  members: number[];
  limits: PrimLimit[];
  density: number;
}

function bestPeel(
  x: readonly (readonly number[])[],
  y: Float64Array,
  members: readonly number[],
  limits: readonly PrimLimit[],
  alpha: number,
  minCount: number,
): Peel | undefined {
  let best: Peel | undefined;
  for (let j = 0; j < limits.length; j++) {
    const values = members.map((i) => x[i][j]).sort((a, b) => a - b);
    const k = Math.max(1, Math.floor(alpha * values.length));
    // Cut between order statistics so that ties move together and at least one point goes.
    const lowCut = values[Math.min(k, values.length - 1)];
    const highCut = values[Math.max(values.length - 1 - k, 0)];
    for (const side of ['lo', 'hi'] as const) {
      const keep = side === 'lo' ? members.filter((i) => x[i][j] >= lowCut) : members.filter((i) => x[i][j] <= highCut);
      if (keep.length === members.length || keep.length < minCount || keep.length === 0) continue;
      let s = 0;
      for (const i of keep) s += y[i];
      const density = s / keep.length;
      if (!best || density > best.density + 1e-12 || (Math.abs(density - best.density) <= 1e-12 && keep.length > best.members.length)) {
        const next = limits.map((l) => ({ ...l }));
        if (side === 'lo') next[j] = { lo: lowCut, hi: next[j].hi };
        else next[j] = { lo: next[j].lo, hi: highCut };
        best = { members: keep, limits: next, density };
      }
    }
  }
  return best;
}

function selectBox(trajectory: readonly PrimBox[], target: number | undefined): number {
  if (target !== undefined) {
    // Mass only shrinks along the trajectory, so the first box reaching the target is the largest.
    const i = trajectory.findIndex((b) => b.density >= target);
    return i >= 0 ? i : trajectory.length - 1;
  }
  let best = 0;
  trajectory.forEach((b, i) => {
    if (b.density > trajectory[best].density + 1e-12) best = i;
  });
  return best;
}

function inside(row: readonly number[], limits: readonly PrimLimit[]): boolean {
  for (let j = 0; j < limits.length; j++) if (row[j] < limits[j].lo || row[j] > limits[j].hi) return false;
  return true;
}

/** Greedy pasting: extend the face whose next alpha share of outside points raises the density most. */
function paste(x: readonly (readonly number[])[], y: Float64Array, start: readonly PrimLimit[], alpha: number): [PrimLimit[], number[]] {
  let limits = start.map((l) => ({ ...l }));
  let members = x.flatMap((row, i) => (inside(row, limits) ? [i] : []));
  const densityOf = (m: readonly number[]) => m.reduce((s, i) => s + y[i], 0) / m.length;
  let density = densityOf(members);
  for (;;) {
    let best: { limits: PrimLimit[]; members: number[]; density: number } | undefined;
    const step = Math.max(1, Math.floor(alpha * members.length));
    for (let j = 0; j < limits.length; j++) {
      // Points outside the box only along dimension j, i.e. the candidates for a paste on that face.
      const others = limits.map((l, k) => (k === j ? { lo: -Infinity, hi: Infinity } : l));
      const slab = x.flatMap((row, i) => (inside(row, others) ? [i] : []));
      for (const side of ['lo', 'hi'] as const) {
        const outside = slab
          .filter((i) => (side === 'lo' ? x[i][j] < limits[j].lo : x[i][j] > limits[j].hi))
          .map((i) => x[i][j])
          .sort((a, b) => (side === 'lo' ? b - a : a - b));
        if (outside.length === 0) continue;
        const edge = outside[Math.min(step, outside.length) - 1];
        const next = limits.map((l) => ({ ...l }));
        next[j] = side === 'lo' ? { lo: edge, hi: next[j].hi } : { lo: next[j].lo, hi: edge };
        const m = slab.filter((i) => x[i][j] >= next[j].lo && x[i][j] <= next[j].hi);
        const dm = densityOf(m);
        if (dm >= density && (!best || dm > best.density + 1e-12 || (Math.abs(dm - best.density) <= 1e-12 && m.length > best.members.length))) {
          best = { limits: next, members: m, density: dm };
        }
      }
    }
    // Equal density still pastes (more coverage for free), but only while it adds points.
    if (!best || best.members.length <= members.length) break;
    limits = best.limits;
    members = best.members;
    density = best.density;
  }
  return [limits, members];
}
