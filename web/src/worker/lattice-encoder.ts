import type { CivilViolenceModel } from '../../../src/models/civil-violence/model.js';
import { ACTIVE, COP, GREEN, JAILED } from '../../../src/models/civil-violence/world.js';
import { ACTIVE_CELL, COP_CELL, JAILED_CELL, QUIET_BLUE, QUIET_GREEN, quietCode } from '../lattice-palette.js';
import type { LatticeFrame } from '../protocol.js';

/** Which agent shows when several share a cell (rule sets that keep the jailed on the lattice). */
const PRIORITY_COP = 4;
const PRIORITY_ACTIVE = 3;
const PRIORITY_QUIET = 2;
const PRIORITY_JAILED = 1;

/**
 * One byte per cell of the civil violence lattice, read from the model's own arrays so that
 * drawing costs the simulation nothing but this pass.
 */
export function encodeLattice(model: CivilViolenceModel): LatticeFrame {
  const w = model.world;
  const { width, height } = w.torus;
  // 0 (EMPTY) where nobody stands.
  const cells = new Uint8Array(width * height);
  const shown = new Uint8Array(width * height);
  const { alive, highWater } = w.store;
  for (let id = 0; id < highWater; id++) {
    if (alive[id] !== 1) continue;
    const c = w.cell[id];
    if (c < 0) continue;
    let code: number;
    let priority: number;
    if (w.kind[id] === COP) {
      code = COP_CELL;
      priority = PRIORITY_COP;
    } else if (w.state[id] === ACTIVE) {
      code = ACTIVE_CELL;
      priority = PRIORITY_ACTIVE;
    } else if (w.state[id] === JAILED) {
      code = JAILED_CELL;
      priority = PRIORITY_JAILED;
    } else {
      code = w.variantTwo ? (w.group[id] === GREEN ? QUIET_GREEN : QUIET_BLUE) : quietCode(w.grievance(id));
      priority = PRIORITY_QUIET;
    }
    if (priority > shown[c]) {
      shown[c] = priority;
      cells[c] = code;
    }
  }
  return { width, height, cells };
}
