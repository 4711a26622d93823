import type { Rng } from '../../../engine/random.js';
import { BULLIED, CREW, LISTED, ORGANISER, SECT, byRole, touch, type World } from '../state.js';
import { INDEFINITE, restrict } from './m5-exclusion.js';

/**
 * M7 school of hate: prisoners gain organising skill (crews fastest); released with enough
 * skill they are organisers, who lower their ties' thresholds and make crowds look bigger.
 * Convictions on extremism or terrorism charges, sect members and convicted radicals enter the list.
 */
export function learn(w: World, i: number, rng: Rng): void {
  if (!w.on.M7) return;
  const rates = w.sc.mechanisms.M7.skillRate;
  const a = w.affil[i];
  const rate = a === CREW ? rates.crew : a === SECT ? rates.sect : a === BULLIED ? rates.bullied : rates.none;
  const gain = Math.floor(rate) + (rng.random() < rate - Math.floor(rate) ? 1 : 0);
  w.skill[i] = Math.min(255, w.skill[i] + gain);
}

export function graduate(w: World, i: number): void {
  if (!w.on.M7 || w.skill[i] < w.sc.mechanisms.M7.organiserSkill) return;
  makeOrganiser(w, i);
}

export function makeOrganiser(w: World, i: number): void {
  if (w.flags[i] & ORGANISER) return;
  w.flags[i] |= ORGANISER;
  touch(w, i);
  const { offsets, targets } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    touch(w, j);
    if (w.organiserTies[j] < 255) w.organiserTies[j]++;
  }
}

/** An organiser who stops organising (moves on, ages, gives up): its ties lose the boost. */
export function retireOrganiser(w: World, i: number): void {
  if ((w.flags[i] & ORGANISER) === 0) return;
  w.flags[i] &= ~ORGANISER;
  const { offsets, targets } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    if (w.organiserTies[j] > 0) w.organiserTies[j]--;
  }
}

/** Taken off the list (sentence served, appeal, death): indefinite restrictions become the usual ones. */
export function delist(w: World, i: number): void {
  if ((w.flags[i] & LISTED) === 0) return;
  w.flags[i] &= ~LISTED;
  if (w.restrictedUntil[i] === INDEFINITE) w.restrictedUntil[i] = Math.min(INDEFINITE - 1, w.week + w.sc.mechanisms.M5.weeks);
}

export function list(w: World, i: number): void {
  if (w.flags[i] & LISTED) return;
  w.flags[i] |= LISTED;
  w.counters.listAdded[w.region[i]]++;
  touch(w, i);
  // The listed are restricted for as long as they are listed; their households as after a detention.
  restrict(w, i, w.sc.mechanisms.M5.weeks);
  if (w.on.M5) w.restrictedUntil[i] = INDEFINITE;
}

/** A trial on extremism or terrorism charges that ends in conviction: a court case and a listing. */
export function convictOfExtremism(w: World, i: number): void {
  w.counters.courtCases[w.region[i]]++;
  list(w, i);
}

/**
 * Whether a trial is on terrorism or extremism charges (by role); such a trial is a court case
 * whatever its verdict. Off (M7): no trial is on these charges and nobody is listed.
 */
export function extremismCharge(w: World, i: number, rng: Rng): boolean {
  if (!w.on.M7 || rng.random() >= byRole(w.sc.mechanisms.M7.terrorCharge, w.role[i])) return false;
  w.counters.courtCases[w.region[i]]++;
  return true;
}
