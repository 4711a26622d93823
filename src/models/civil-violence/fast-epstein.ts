import { randomBelow } from '../../engine/random-below.js';
import { serveOffLattice } from './citizen.js';
import { ACTIVE, JAILED, QUIET, type World } from './world.js';

/**
 * The citizens' turns of the reference rules (epstein2002, Model I) as one tight loop with
 * everything in locals: the benchmark's hot path. It makes the same draws in the same order
 * as the general `citizenTurn`, so both give identical runs (a test checks this). It relies on
 * the rule set's one-agent-per-cell lattice, so occupant chains never need touching.
 */
export function epsteinCitizenTurns(w: World, ids: Int32Array, start: number, end: number): void {
  const census = w.census;
  const head = w.occupants.head;
  const moore = w.mooreTable;
  const state = w.state;
  const cellOf = w.cell;
  const hardship = w.hardship;
  const risk = w.riskAversion;
  const alive = w.store.alive;
  const threshold = w.threshold;
  const oneMinusL = 1 - w.legitimacy;
  const factor = w.thresholdFactor;
  const arrestTable = w.arrestTable;
  const hood = w.citizenVision;
  const runStart = w.citizenVisionRuns.start;
  const runLength = w.citizenVisionRuns.length;
  const runs = w.citizenVisionRuns.count;
  const size = hood.size;
  const reach = hood.reach;
  const dx = hood.dx;
  const dy = hood.dy;
  const t = w.torus;
  const cellX = t.cellX;
  const cellY = t.cellY;
  const xMax = t.width - reach;
  const yMax = t.height - reach;
  const rowBase = t.rowBase;
  const colWrap = t.colWrap;
  const pad = t.pad;
  const move = w.citizensMove;
  const rng = w.rng;
  let nActive = w.nActive;
  for (let i = start; i < end; i++) {
    const id = ids[i];
    if (alive[id] !== 1) continue;
    let cell: number;
    if (state[id] === JAILED) {
      if (!serveOffLattice(w, id)) continue;
      cell = cellOf[id];
    } else {
      cell = cellOf[id];
      if (move) {
        const to = moore[cell * 8 + randomBelow(rng, 8)];
        if (head[to] === -1) {
          head[cell] = -1;
          head[to] = id;
          cellOf[id] = to;
          if (state[id] === ACTIVE) {
            census[cell]--;
            census[to]++;
          }
          cell = to;
        }
      }
    }
    const g = hardship[id] * oneMinusL * factor;
    let act = false;
    if (g > threshold) {
      let seen = 0;
      const x = cellX[cell];
      const y = cellY[cell];
      if (x >= reach && x < xMax && y >= reach && y < yMax) {
        for (let r = 0; r < runs; r++) {
          const from = cell + runStart[r];
          const to = from + runLength[r];
          for (let j = from; j < to; j++) seen += census[j];
        }
      } else {
        for (let k = 0; k < size; k++) seen += census[rowBase[y + dy[k] + pad] + colWrap[x + dx[k] + pad]];
      }
      act = g - risk[id] * arrestTable[Math.floor((seen >>> 16) / ((seen & 0xffff) + 1))] > threshold;
    }
    if (act !== (state[id] === ACTIVE)) {
      state[id] = act ? ACTIVE : QUIET;
      const d = act ? 1 : -1;
      census[cell] += d;
      nActive += d;
    }
  }
  w.nActive = nActive;
}
