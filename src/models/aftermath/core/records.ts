import { LISTED, ORGANISER, touch, type World } from '../state.js';

/**
 * The state's records of people and what people know of each other: the extremist list and
 * who organises. Mechanisms decide who is put on them (M7) and what being on them costs (M5).
 */
export function list(w: World, i: number): void {
  if (w.flags[i] & LISTED) return;
  w.flags[i] |= LISTED;
  w.counters.listAdded[w.region[i]]++;
  touch(w, i);
  for (const f of w.plan.on.listed) f(w, i);
}

/** Taken off the list (sentence served, appeal, death). */
export function delist(w: World, i: number): void {
  if ((w.flags[i] & LISTED) === 0) return;
  w.flags[i] &= ~LISTED;
  for (const f of w.plan.on.delisted) f(w, i);
}

/** A trial on extremism or terrorism charges that ends in conviction: a court case and a listing. */
export function convictOfExtremism(w: World, i: number): void {
  w.counters.courtCases[w.region[i]]++;
  list(w, i);
}

/** An organiser is known to its ties, who count it (so the decision needs no neighbour scan). */
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
