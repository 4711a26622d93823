import { randomBelow } from '../../engine/random-below.js';
import { serveOffLattice } from './citizen.js';
import { ACTIVE, JAILED, QUIET, type World } from './world.js';

/** Grids up to this many cells keep the two coordinate tables (8 bytes a cell) within a core's L2 cache. */
const TABLES_IN_CACHE = 1 << 17;

/**
 * The citizens' turns of the reference rules (epstein2002, Model I) as one tight loop with
 * everything in locals: the benchmark's hot path. It makes the same draws in the same order
 * as the general `citizenTurn`, so both give identical runs (a test checks this). It relies on
 * the rule set's one-agent-per-cell lattice, so occupant chains never need touching, and on
 * Model I's citizens never dying.
 */
export function epsteinCitizenTurns(w: World, ids: Int32Array, start: number, end: number): void {
  const census = w.census;
  const field = census.data;
  const stride = census.stride;
  const haloX = census.padX;
  const haloY = census.padY;
  const head = w.occupants.head;
  const state = w.state;
  const cellOf = w.cell;
  const hardship = w.hardship;
  const risk = w.riskAversion;
  const threshold = w.threshold;
  const oneMinusL = 1 - w.legitimacy;
  const factor = w.thresholdFactor;
  const arrestTable = w.arrestTable;
  const copShift = w.copShift;
  const activeMask = w.activeMask;
  const runStart = w.citizenVisionRuns.start;
  const runLength = w.citizenVisionRuns.length;
  const runs = w.citizenVisionRuns.count;
  const t = w.torus;
  const width = t.width;
  const cellX = t.cellX;
  const cellY = t.cellY;
  // On large grids the torus' coordinate tables miss the cache on nearly every turn, and a
  // division costs less (exact: cell < 2^31); on small ones the tables stay cached and win.
  const divide = t.size > TABLES_IN_CACHE;
  const rowBase = t.rowBase;
  const colWrap = t.colWrap;
  const pad = t.pad;
  const mooreX = w.moore.dx;
  const mooreY = w.moore.dy;
  const mooreSize = w.moore.size;
  const move = w.citizensMove && mooreSize > 0;
  const rng = w.rng;
  let nActive = w.nActive;
  // The next citizen's own entries are read one turn ahead, so that their cache misses overlap
  // the current turn's vision sum instead of following it. A turn only changes its own
  // citizen's entries, so reading them early gives the same values.
  let nextId = start < end ? ids[start] : 0;
  let nextCell = cellOf[nextId];
  let nextState = state[nextId];
  let nextHardship = hardship[nextId];
  for (let i = start; i < end; i++) {
    const id = nextId;
    let cell = nextCell;
    const wasState = nextState;
    const h = nextHardship;
    if (i + 1 < end) {
      nextId = ids[i + 1];
      nextCell = cellOf[nextId];
      nextState = state[nextId];
      nextHardship = hardship[nextId];
    }
    if (wasState === JAILED) {
      if (!serveOffLattice(w, id)) continue;
      cell = cellOf[id];
    } else if (move) {
      const d = randomBelow(rng, mooreSize);
      const y = divide ? Math.floor(cell / width) : cellY[cell];
      const x = divide ? cell - y * width : cellX[cell];
      const to = rowBase[y + mooreY[d] + pad] + colWrap[x + mooreX[d] + pad];
      if (head[to] === -1) {
        head[cell] = -1;
        head[to] = id;
        cellOf[id] = to;
        if (wasState === ACTIVE) {
          census.add(cell, -1);
          census.add(to, 1);
        }
        cell = to;
      }
    }
    const g = h * oneMinusL * factor;
    let act = false;
    if (g > threshold) {
      const y = divide ? Math.floor(cell / width) : cellY[cell];
      const x = divide ? cell - y * width : cellX[cell];
      const centre = (y + haloY) * stride + x + haloX;
      let seen = 0;
      for (let r = 0; r < runs; r++) {
        let j = centre + runStart[r];
        const to = j + runLength[r];
        // Four loads per pass into two sums: shorter dependency chains, about 10% faster in V8.
        let a = 0;
        let b = 0;
        for (; j + 3 < to; j += 4) {
          a += field[j] + field[j + 2];
          b += field[j + 1] + field[j + 3];
        }
        for (; j < to; j++) a += field[j];
        seen += a + b;
      }
      act = g - risk[id] * arrestTable[Math.floor((seen >>> copShift) / ((seen & activeMask) + 1))] > threshold;
    }
    if (act !== (state[id] === ACTIVE)) {
      state[id] = act ? ACTIVE : QUIET;
      const d = act ? 1 : -1;
      census.add(cell, d);
      nActive += d;
    }
  }
  w.nActive = nActive;
}
