import { randomBelow } from '../../engine/random-below.js';
import { copsPerActive, rebels } from './rules.js';
import { anyEmpty, moveWithin, nearestEmpty } from './vision.js';
import { FOREVER, GREEN, GREEN_WEIGHT, JAILED, QUIET, type World } from './world.js';

/** Epstein's walk: one of the 8 Moore neighbours at random, taken only if empty. */
export function mooreStep(w: World, id: number): void {
  const m = w.moore;
  // 8 neighbours, fewer on a torus less than 3 cells wide, none on a single cell.
  if (m.size === 0) return;
  const d = randomBelow(w.rng, m.size);
  const to = w.torus.offset(w.cell[id], m.dx[d], m.dy[d]);
  if (w.occupants.occupied[to] === 0) w.moveTo(id, to);
}

export function moveAgent(w: World, id: number, vision: typeof w.citizenVision): void {
  if (w.rules.movement === 'moore-step') mooreStep(w, id);
  else moveWithin(w, id, vision);
}

/** Cops (C) and active citizens (A) within a citizen's vision, packed as C * w.copWeight + A. */
export function visibleCensus(w: World, id: number): number {
  return w.census.sumRuns(w.cell[id], w.citizenVisionRuns);
}

/** The citizen's estimate of its arrest probability P from the cops and actives it sees. */
export function estimatedArrestProbability(w: World, id: number): number {
  const seen = visibleCensus(w, id);
  return w.arrestTable[copsPerActive(w.rules.arrestRounding, seen >>> w.copShift, seen & w.activeMask)];
}

/** Model II: whether a citizen of the other group is within vision. */
export function seesOtherGroup(w: World, id: number): boolean {
  if (!w.groups) return false;
  const seen = w.groups.sumRuns(w.cell[id], w.citizenVisionRuns);
  return w.group[id] === GREEN ? (seen & 0xffff) > 0 : Math.floor(seen / GREEN_WEIGHT) > 0;
}

/**
 * Rule A: active iff grievance minus net risk exceeds the threshold (G - R P > T). Net risk is
 * never negative, so a citizen whose grievance cannot beat T needs no look around at all.
 */
export function decide(w: World, id: number): void {
  const g = w.grievance(id);
  let active = false;
  if (g > w.threshold) {
    const seen = visibleCensus(w, id);
    const cops = seen >>> w.copShift;
    const actives = seen & w.activeMask;
    const m = w.rules.arrestRounding === 'floor' ? Math.floor(cops / (actives + 1)) : copsPerActive('round-half-even', cops, actives);
    active = rebels(g, w.riskAversion[id], w.arrestTable[m], w.threshold);
    if (active && w.variantTwo) active = seesOtherGroup(w, id);
  }
  w.setActive(id, active);
}

/**
 * Epstein's jail: the term falls by one each turn; at 0 the citizen is released, quiet, onto
 * the free cell nearest its arrest cell. Returns whether it is free now.
 */
export function serveOffLattice(w: World, id: number): boolean {
  if (w.term[id] === FOREVER) return false;
  if (w.term[id] > 0) w.term[id]--;
  if (w.term[id] > 0) return false;
  let cell = nearestEmpty(w, ~w.cell[id], w.release);
  if (cell < 0) cell = anyEmpty(w);
  // A full grid (possible once Model II's births fill it): wait in jail for a free cell.
  if (cell < 0) return false;
  w.state[id] = QUIET;
  w.nJailed--;
  w.place(id, cell);
  return true;
}

/** Mesa's jail: the sentence falls by one each turn; the turn ends there, free or not. */
function serveBlocking(w: World, id: number): void {
  if (w.term[id] === FOREVER) return;
  if (--w.term[id] <= 0) w.setState(id, QUIET);
}

/** NetLogo's jail: every jailed citizen's term falls at the end of the tick; at 0 it is free where it stands. */
export function endOfTickJail(w: World): void {
  for (let id = 0; id < w.store.highWater; id++) {
    if (w.store.alive[id] !== 1 || w.state[id] !== JAILED || w.term[id] === FOREVER) continue;
    if (--w.term[id] <= 0) w.setState(id, QUIET);
  }
}

/** One citizen's turn, in the order its rule set prescribes. */
export function citizenTurn(w: World, id: number): void {
  if (w.state[id] === JAILED) {
    if (w.rules.jail === 'off-lattice') {
      if (serveOffLattice(w, id)) decide(w, id);
    } else if (w.rules.jail === 'on-cell-blocking') serveBlocking(w, id);
    return;
  }
  const move = w.citizensMove;
  if (move && w.rules.moveBeforeAct) moveAgent(w, id, w.citizenVision);
  decide(w, id);
  if (move && !w.rules.moveBeforeAct) moveAgent(w, id, w.citizenVision);
}

