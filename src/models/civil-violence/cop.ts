import { randomBelow } from '../../engine/random-below.js';
import { moveAgent } from './citizen.js';
import { nearestActive, randomActive } from './vision.js';
import { FOREVER, JAILED, QUIET, type World } from './world.js';

/** A jail term as the rule set draws it: 0..Jmax inclusive, 0..Jmax-1, or forever. */
export function drawTerm(w: World): number {
  const max = w.maxTerm;
  if (max === Infinity) return FOREVER;
  if (w.rules.termRange === 'inclusive') return randomBelow(w.rng, max + 1);
  return max > 0 ? randomBelow(w.rng, max) : 0;
}

/** Jails an active citizen; returns the cell it was arrested on. */
export function arrest(w: World, id: number): number {
  const cell = w.cell[id];
  const term = drawTerm(w);
  w.term[id] = term;
  if (w.rules.jail === 'off-lattice') {
    // Off the lattice first, while still counted as active there; then only the counts change.
    w.lift(id);
    // Off the lattice, the cell field keeps the arrest cell bitwise negated: negative, so every
    // `cell >= 0` test reads "not on the lattice", and no column of its own for the release.
    w.cell[id] = ~cell;
    w.setState(id, JAILED);
  } else if (term === 0) {
    // NetLogo and Mesa only count a positive term as jail: a zero term is a warning, the citizen goes quiet.
    w.setState(id, QUIET);
  } else {
    w.setState(id, JAILED);
  }
  return cell;
}

/** Rule C: a cop arrests an active citizen within its vision (nearest or random, as the rules say). */
export function copTurn(w: World, id: number): void {
  const r = w.rules;
  if (r.copMovesFirst) moveAgent(w, id, w.copVision);
  const cell = w.cell[id];
  // Nothing to look for when no active citizen is in view: a sum over contiguous memory says
  // so faster than the scan in order of distance (and no random draw is skipped).
  const inView = w.nActive > 0 && (w.census.sumRuns(cell, w.copVisionRuns) & w.activeMask) > 0;
  const target = !inView ? -1 : r.arrestTarget === 'nearest' ? nearestActive(w, cell, w.copVision, w.copVisionHalo) : randomActive(w, cell, w.copVision);
  if (target >= 0) {
    const at = arrest(w, target);
    if (r.copStepsOntoArrest) w.moveTo(id, at);
  }
  if (!r.copMovesFirst) moveAgent(w, id, w.copVision);
}
