import { randomBelow } from '../../engine/random-below.js';
import { addCitizen } from './setup.js';
import { emptyCells, nearestOfGroup } from './vision.js';
import { ACTIVE, BLUE, GREEN, JAILED, type World } from './world.js';

/**
 * Model II's extras to a citizen's turn: an active citizen kills the nearest citizen of the
 * other group among its 8 neighbours and takes its cell; every free citizen may place a copy
 * of itself on a free neighbouring cell; everyone ages, in jail too, and dies past the maximum.
 */
export function interGroupTurn(w: World, id: number): void {
  if (w.state[id] === ACTIVE) attack(w, id);
  if (w.state[id] !== JAILED && w.cell[id] >= 0 && w.rng.random() < w.reproduction) reproduce(w, id);
  if (++w.age[id] > w.maxAge) w.kill(id);
}

function attack(w: World, id: number): void {
  const victim = nearestOfGroup(w, w.cell[id], w.moore, w.group[id] === BLUE ? GREEN : BLUE);
  if (victim < 0) return;
  const cell = w.cell[victim];
  w.kill(victim);
  w.nKilled++;
  w.moveTo(id, cell);
}

function reproduce(w: World, id: number): void {
  const n = emptyCells(w, w.cell[id], w.moore, w.scratch);
  if (n === 0) return;
  addCitizen(w, w.scratch[n === 1 ? 0 : randomBelow(w.rng, n)], w.group[id], id);
}
