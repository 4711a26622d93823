import { sumHaloRuns } from '../../engine/halo-field.js';
import { randomBelow } from '../../engine/random-below.js';
import { serveOffLattice } from './citizen.js';
import { ACTIVE, JAILED, QUIET, type World } from './world.js';

/** Grids above this size touch the next turn's memory ahead (smaller ones stay in the cache). */
const TOUCH_FROM_CELLS = 1 << 16;

/**
 * The citizens' turns of the reference rules (epstein2002, Model I) as one tight loop with
 * everything in locals: the benchmark's hot path. It is the general `citizenTurn` (Moore step,
 * then Rule A) with two derived forms of the same rules, not a second copy of them:
 * - Rule A is read as C < quietFrom (A + 1), with `quietFrom` computed from rules.ts' `rebels`
 *   (`World.updateQuietFrom`), so the turn reads one byte of the citizen instead of its
 *   hardship and risk aversion (16 bytes, on large grids two cache misses);
 * - emptiness is the lattice's byte per cell, the one-agent-per-cell rules need no chains.
 * It makes the same draws in the same order, so both give identical runs:
 * test/civil-violence/tight-loop-equivalence.test.ts checks that over random worlds and seeds.
 */
export function epsteinCitizenTurns(w: World, ids: Int32Array, start: number, end: number): void {
  w.updateQuietFrom();
  const census = w.census;
  const field = census.data;
  const stride = census.stride;
  const haloX = census.padX;
  const haloY = census.padY;
  const head = w.occupants.head;
  const occupied = w.occupants.occupied;
  const state = w.state;
  const cellOf = w.cell;
  const quietFrom = w.quietFrom;
  const copShift = w.copShift;
  const activeMask = w.activeMask;
  const vision = w.citizenVisionRuns;
  const runStart = vision.start;
  const runs = vision.count;
  const pairA = vision.pairA;
  const pairB = vision.pairB;
  const pairLength = vision.pairLength;
  const pairs = vision.pairs;
  const restStart = vision.restStart;
  const restLength = vision.restLength;
  const rest = vision.rest;
  const t = w.torus;
  const width = t.width;
  const inverseWidth = t.inverseWidth;
  const rowBase = t.rowBase;
  const colWrap = t.colWrap;
  const pad = t.pad;
  const mooreX = w.moore.dx;
  const mooreY = w.moore.dy;
  const mooreSize = w.moore.size;
  const move = w.citizensMove && mooreSize > 0;
  const rng = w.rng;
  let nActive = w.nActive;
  // Software pipelining: the entries of citizen i + 2 are read during turn i, and the lattice
  // and census lines around citizen i + 1 are touched, so that the cache misses of three turns
  // overlap instead of following one another. A turn changes only its own citizen's entries,
  // so reading them early gives the same values; the touches change nothing.
  const touchAhead = t.size > TOUCH_FROM_CELLS;
  let touched = 0;
  let id1 = start < end ? ids[start] : 0;
  let cell1 = cellOf[id1];
  let state1 = state[id1];
  let quiet1 = quietFrom[id1];
  let id2 = start + 1 < end ? ids[start + 1] : 0;
  let cell2 = cellOf[id2];
  let state2 = state[id2];
  let quiet2 = quietFrom[id2];
  for (let i = start; i < end; i++) {
    const id = id1;
    let cell = cell1;
    const wasState = state1;
    const quiet = quiet1;
    id1 = id2;
    cell1 = cell2;
    state1 = state2;
    quiet1 = quiet2;
    if (i + 2 < end) {
      id2 = ids[i + 2];
      cell2 = cellOf[id2];
      state2 = state[id2];
      quiet2 = quietFrom[id2];
    }
    if (touchAhead && i + 1 < end && state1 !== JAILED) {
      const y = Math.floor((cell1 + 0.5) * inverseWidth);
      const x = cell1 - y * width;
      if (move) touched += occupied[rowBase[y - 1 + pad] + x] + occupied[cell1] + occupied[rowBase[y + 1 + pad] + x];
      if (quiet1 > 0) {
        const centre = (y + haloY) * stride + x + haloX;
        for (let r = 0; r < runs; r++) touched += field[centre + runStart[r]];
      }
    }
    if (wasState === JAILED) {
      if (!serveOffLattice(w, id)) continue;
      cell = cellOf[id];
    } else if (move) {
      const d = randomBelow(rng, mooreSize);
      // Torus.y: exact, and cheaper than a division or a table read that misses the cache.
      const y = Math.floor((cell + 0.5) * inverseWidth);
      const to = rowBase[y + mooreY[d] + pad] + colWrap[cell - y * width + mooreX[d] + pad];
      if (occupied[to] === 0) {
        head[cell] = -1;
        occupied[cell] = 0;
        head[to] = id;
        occupied[to] = 1;
        cellOf[id] = to;
        if (wasState === ACTIVE) {
          census.add(cell, -1);
          census.add(to, 1);
        }
        cell = to;
      }
    }
    let act = false;
    // quietFrom 0: G <= T, no look around (as the reference skips it).
    if (quiet > 0) {
      const y = Math.floor((cell + 0.5) * inverseWidth);
      const centre = (y + haloY) * stride + cell - y * width + haloX;
      const seen = sumHaloRuns(field, centre, pairA, pairB, pairLength, pairs, restStart, restLength, rest);
      act = seen >>> copShift < quiet * ((seen & activeMask) + 1);
    }
    if (act !== (state[id] === ACTIVE)) {
      state[id] = act ? ACTIVE : QUIET;
      const d = act ? 1 : -1;
      census.add(cell, d);
      nActive += d;
    }
  }
  w.nActive = nActive;
  // Keeps the touches from being optimised away.
  w.touched = touched;
}
