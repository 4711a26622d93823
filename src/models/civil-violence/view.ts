import type { SteppableModel } from '../../engine/model.js';
import type { InspectedAgent, LatticeFrame, LatticeLegendEntry, Rgb, ViewAdapter } from '../view-adapter.js';
import { estimatedArrestProbability } from './citizen.js';
import type { CivilViolenceModel } from './model.js';
import { ACTIVE, COP, FOREVER, GREEN, JAILED } from './world.js';

/**
 * How the workbench draws Epstein's lattice. The colours follow NetLogo's Rebellion (2D view):
 * actives red, jailed dark grey, cops cyan, quiet citizens green, darker the higher their
 * grievance (NetLogo's `scale-color green grievance 1.5 -0.5`). Model II's two groups are blue
 * and green, as in Epstein's figures.
 */

export const EMPTY = 0;
export const ACTIVE_CELL = 1;
export const JAILED_CELL = 2;
export const COP_CELL = 3;
export const QUIET_BLUE = 4;
export const QUIET_GREEN = 5;
/** Quiet citizens of Model I: QUIET_SHADE_BASE + grievance * QUIET_SHADES (rounded down, capped). */
export const QUIET_SHADE_BASE = 16;
export const QUIET_SHADES = 240;

export const BACKGROUND: Rgb = [17, 17, 17];
export const ACTIVE_RGB: Rgb = [215, 50, 41];
export const JAILED_RGB: Rgb = [73, 73, 73];
export const COP_RGB: Rgb = [84, 196, 196];
export const BLUE_RGB: Rgb = [52, 93, 169];
export const GREEN_RGB: Rgb = [89, 176, 60];

/** NetLogo's scale-color: black at 0, the colour at 0.5, white at 1. */
function scaleColor(base: Rgb, f: number): Rgb {
  if (f <= 0.5) {
    const t = f / 0.5;
    return [Math.round(base[0] * t), Math.round(base[1] * t), Math.round(base[2] * t)];
  }
  const t = (f - 0.5) / 0.5;
  return [Math.round(base[0] + (255 - base[0]) * t), Math.round(base[1] + (255 - base[1]) * t), Math.round(base[2] + (255 - base[2]) * t)];
}

/** Code of a quiet Model I citizen with grievance g (0..1). */
export function quietCode(grievance: number): number {
  const k = Math.floor(Math.min(Math.max(grievance, 0), 1) * QUIET_SHADES);
  return QUIET_SHADE_BASE + Math.min(k, QUIET_SHADES - 1);
}

/** Colour of every code, as one lookup table. */
export const PALETTE: readonly Rgb[] = (() => {
  const table: Rgb[] = new Array(256).fill(BACKGROUND);
  table[ACTIVE_CELL] = ACTIVE_RGB;
  table[JAILED_CELL] = JAILED_RGB;
  table[COP_CELL] = COP_RGB;
  table[QUIET_BLUE] = BLUE_RGB;
  table[QUIET_GREEN] = GREEN_RGB;
  for (let k = 0; k < QUIET_SHADES; k++) {
    const g = (k + 0.5) / QUIET_SHADES;
    // scale-color with range 1.5 .. -0.5: grievance 0 is light green, 1 is dark green.
    table[QUIET_SHADE_BASE + k] = scaleColor(GREEN_RGB, (1.5 - g) / 2);
  }
  return table;
})();

/** Whether a colour is one a quiet Model I citizen may have (a shade of the green). */
export function isQuietShade(rgb: readonly number[]): boolean {
  for (let k = 0; k < QUIET_SHADES; k++) {
    const c = PALETTE[QUIET_SHADE_BASE + k];
    if (c[0] === rgb[0] && c[1] === rgb[1] && c[2] === rgb[2]) return true;
  }
  return false;
}

const LEGEND: readonly LatticeLegendEntry[] = [
  { label: 'quiet (darker: more grievance)', rgb: PALETTE[QUIET_SHADE_BASE + 120], from: QUIET_SHADE_BASE, to: 255 },
  { label: 'quiet blue', rgb: BLUE_RGB, from: QUIET_BLUE, to: QUIET_BLUE },
  { label: 'quiet green', rgb: GREEN_RGB, from: QUIET_GREEN, to: QUIET_GREEN },
  { label: 'active', rgb: ACTIVE_RGB, from: ACTIVE_CELL, to: ACTIVE_CELL, always: true },
  { label: 'jailed (on the lattice)', rgb: JAILED_RGB, from: JAILED_CELL, to: JAILED_CELL },
  { label: 'cop', rgb: COP_RGB, from: COP_CELL, to: COP_CELL, always: true },
];

/** Which agent shows when several share a cell (rule sets that keep the jailed on the lattice). */
const PRIORITY_COP = 4;
const PRIORITY_ACTIVE = 3;
const PRIORITY_QUIET = 2;
const PRIORITY_JAILED = 1;

/** One byte per cell, read from the model's own arrays so that drawing costs the run only this pass. */
export function encodeLattice(model: CivilViolenceModel): LatticeFrame {
  const w = model.world;
  const { width, height } = w.torus;
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

const f3 = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));

/**
 * NetLogo's "inspect": a citizen's hardship, risk aversion, grievance and the arrest probability
 * it would estimate now, which together say why it is quiet or active (active iff G - R P > T).
 */
export function inspectCell(model: CivilViolenceModel, cell: number): InspectedAgent[] {
  const w = model.world;
  const out: InspectedAgent[] = [];
  const { alive, highWater } = w.store;
  for (let id = 0; id < highWater; id++) {
    if (alive[id] !== 1 || w.cell[id] !== cell) continue;
    if (w.kind[id] === COP) {
      out.push({ id, kind: 'cop', lines: [`cop #${id}`] });
      continue;
    }
    const state = w.state[id] === ACTIVE ? 'active' : w.state[id] === JAILED ? 'jailed' : 'quiet';
    const group = w.variantTwo ? (w.group[id] === GREEN ? ', green' : ', blue') : '';
    const g = w.grievance(id);
    const lines = [`citizen #${id}: ${state}${group}`, `hardship H ${f3(w.hardship[id])}, risk aversion R ${f3(w.riskAversion[id])}, grievance G ${f3(g)}`];
    if (state !== 'jailed') {
      const p = estimatedArrestProbability(w, id);
      const netRisk = w.riskAversion[id] * p;
      const margin = g - netRisk;
      lines.push(`arrest probability P ${f3(p)}, net risk R P ${f3(netRisk)}`);
      lines.push(`G - R P = ${f3(margin)} ${margin > w.threshold ? '>' : '<='} T ${f3(w.threshold)} (as it sees things now)`);
    } else {
      lines.push(`jail term left: ${w.term[id] === FOREVER ? 'forever' : w.term[id]}`);
    }
    out.push({ id, kind: 'citizen', state, lines });
  }
  return out;
}

/**
 * A legitimacy jump is a plain assignment, as in the model's own schedule. A change of cop
 * density adds or removes cops, and where that falls within the step affects later agent ids,
 * so such a run is rebuilt from its scenario and replayed instead.
 */
function applyLive(model: SteppableModel, changes: readonly { param: string; value: number }[]): boolean {
  if (changes.some((c) => c.param !== 'legitimacy')) return false;
  for (const c of changes) (model as CivilViolenceModel).world.legitimacy = c.value;
  return true;
}

export const civilViolenceView: ViewAdapter = {
  lattice: (model) => encodeLattice(model as CivilViolenceModel),
  palette: PALETTE,
  legend: LEGEND,
  inspect: (model, cell) => inspectCell(model as CivilViolenceModel, cell),
  applyLive,
};
