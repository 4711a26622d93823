import { randomBelow } from '../../engine/random-below.js';
import type { Neighbourhood } from '../../engine/neighbourhood.js';
import { ACTIVE, CITIZEN, JAILED, type World } from './world.js';

/**
 * Scans of a neighbourhood around a cell. Cells far from the edges use linear offsets; the
 * rest go through the torus' wrap tables. Nothing here allocates.
 */

/** Writes the empty cells of the neighbourhood into `out`; returns how many. */
export function emptyCells(w: World, cell: number, hood: Neighbourhood, out: Int32Array): number {
  const t = w.torus;
  const occupied = w.occupants.occupied;
  let n = 0;
  for (let k = 0; k < hood.size; k++) {
    const c = t.offset(cell, hood.dx[k], hood.dy[k]);
    if (occupied[c] === 0) out[n++] = c;
  }
  return n;
}

/** Moves an agent to a random empty cell of the neighbourhood, if there is one. */
export function moveWithin(w: World, id: number, hood: Neighbourhood): void {
  const n = emptyCells(w, w.cell[id], hood, w.scratch);
  if (n > 0) w.moveTo(id, w.scratch[n === 1 ? 0 : randomBelow(w.rng, n)]);
}

/** Appends the free active citizens standing on `cell` to `out` from index n; returns the new n. */
function activesOn(w: World, cell: number, out: Int32Array, n: number): number {
  if ((w.census.get(cell) & w.activeMask) === 0) return n;
  const next = w.occupants.next;
  const single = w.occupants.single;
  const kind = w.kind;
  const state = w.state;
  for (let id = w.occupants.head[cell]; id !== -1; id = single ? -1 : next[id]) {
    if (kind[id] === CITIZEN && state[id] === ACTIVE) out[n++] = id;
  }
  return n;
}

/**
 * A random active citizen among the nearest ones in the neighbourhood, or -1. `halo` holds the
 * offsets of `hood` into the census halo.
 */
export function nearestActive(w: World, cell: number, hood: Neighbourhood, halo: Int32Array): number {
  const t = w.torus;
  const out = w.scratch;
  const census = w.census.data;
  const activeMask = w.activeMask;
  const centre = w.census.index(cell);
  const starts = hood.ringStart;
  for (let r = 0; r < hood.rings; r++) {
    let n = 0;
    const end = starts[r + 1];
    for (let k = starts[r]; k < end; k++) {
      // Most cells hold no active: the census says so without touching the occupant lists.
      if ((census[centre + halo[k]] & activeMask) !== 0) n = activesOn(w, t.offset(cell, hood.dx[k], hood.dy[k]), out, n);
    }
    if (n > 0) return out[n === 1 ? 0 : randomBelow(w.rng, n)];
  }
  return -1;
}

/** A random active citizen anywhere in the neighbourhood, or -1. */
export function randomActive(w: World, cell: number, hood: Neighbourhood): number {
  const t = w.torus;
  const out = w.scratch;
  let n = 0;
  for (let k = 0; k < hood.size; k++) n = activesOn(w, t.offset(cell, hood.dx[k], hood.dy[k]), out, n);
  return n === 0 ? -1 : out[n === 1 ? 0 : randomBelow(w.rng, n)];
}

/**
 * A random free citizen of `group` among the nearest ones of the neighbourhood, or -1
 * (Model II: whom an active citizen attacks).
 */
export function nearestOfGroup(w: World, cell: number, hood: Neighbourhood, group: number): number {
  const t = w.torus;
  const out = w.scratch;
  const next = w.occupants.next;
  const single = w.occupants.single;
  for (let r = 0; r < hood.rings; r++) {
    let n = 0;
    for (let k = hood.ringStart[r]; k < hood.ringStart[r + 1]; k++) {
      const c = t.offset(cell, hood.dx[k], hood.dy[k]);
      for (let id = w.occupants.head[c]; id !== -1; id = single ? -1 : next[id]) {
        if (w.kind[id] === CITIZEN && w.state[id] !== JAILED && w.group[id] === group) out[n++] = id;
      }
    }
    if (n > 0) return out[n === 1 ? 0 : randomBelow(w.rng, n)];
  }
  return -1;
}

/** A random empty cell among the nearest ones of the neighbourhood, or -1. */
export function nearestEmpty(w: World, cell: number, hood: Neighbourhood): number {
  const t = w.torus;
  const out = w.scratch;
  const occupied = w.occupants.occupied;
  for (let r = 0; r < hood.rings; r++) {
    let n = 0;
    for (let k = hood.ringStart[r]; k < hood.ringStart[r + 1]; k++) {
      const c = t.offset(cell, hood.dx[k], hood.dy[k]);
      if (occupied[c] === 0) out[n++] = c;
    }
    if (n > 0) return out[n === 1 ? 0 : randomBelow(w.rng, n)];
  }
  return -1;
}

/** A uniformly random empty cell of the whole grid, or -1 if it is full. */
export function anyEmpty(w: World): number {
  const occupied = w.occupants.occupied;
  let n = 0;
  for (let c = 0; c < w.cells; c++) if (occupied[c] === 0) n++;
  if (n === 0) return -1;
  let pick = randomBelow(w.rng, n);
  for (let c = 0; c < w.cells; c++) if (occupied[c] === 0 && pick-- === 0) return c;
  return -1;
}
