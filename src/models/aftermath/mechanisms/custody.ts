import type { Rng } from '../../../engine/random.js';
import {
  ACTIVE, ADMIN, ARMED, DEAD, FOR_RADICAL, FREE, ORDINARY, PREACHER, PRETRIAL, PRISON, SECT, WANTED, byRole, touch, type World,
} from '../state.js';
import { convictChance } from './m3-evidence.js';
import { harm } from './m4-spillover.js';
import { restrict } from './m5-exclusion.js';
import { extremismCharge, graduate, learn, list as putOnList } from './m7-school.js';
import { enterPrison, prisonShare, prisonWeek, termWeeks } from './m8-fates.js';

/**
 * The state's machinery after an arrest: administrative arrest, charge, pre-trial detention,
 * trial, prison or restricted liberty, release. Ordinary prisoners pass through the same prisons.
 */
export function detain(w: World, i: number): void {
  const m2 = w.sc.mechanisms.M2;
  if (w.flags[i] & ACTIVE) {
    w.flags[i] &= ~ACTIVE;
    w.activeChanged.push(~i);
  }
  w.flags[i] &= ~WANTED;
  w.status[i] = ADMIN;
  w.timer[i] = Math.max(1, m2.adminWeeks);
  w.custody.push(i);
  w.counters.detained[w.region[i]]++;
  harm(w, i, m2.harmDetained);
  // A record of detention is enough to be treated as disloyal (M5).
  restrict(w, i, w.sc.mechanisms.M5.weeks);
}

/** Returned from abroad into pre-trial detention. */
export function extradite(w: World, i: number): void {
  detain(w, i);
  w.status[i] = PRETRIAL;
  w.timer[i] = trialDelay(w, w.rng.justice);
}

function trialDelay(w: World, rng: Rng): number {
  const p = w.sc.mechanisms.M3;
  return Math.max(1, rng.intBetween(Math.min(p.trialWeeksMin, p.trialWeeksMax), Math.max(p.trialWeeksMin, p.trialWeeksMax)));
}

export function release(w: World, i: number, political: boolean): void {
  w.status[i] = FREE;
  w.timer[i] = 0;
  if (!political) {
    graduate(w, i);
  } else {
    graduate(w, i);
    restrict(w, i, w.sc.mechanisms.M5.weeks);
  }
  if (w.affil[i] === SECT) becomeRadicalSeed(w, i);
}

/** A released sect member is radical and pulls its ties toward radical action while it stays so (M9). */
function becomeRadicalSeed(w: World, i: number): void {
  if (!w.on.M9) return;
  w.orient[i] = FOR_RADICAL;
  w.affil[i] = PREACHER;
  const { offsets, targets } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    touch(w, j);
    if (w.radicalTies[j] < 255) w.radicalTies[j]++;
  }
}

/** One week of the justice system for everybody in custody; drops those who left it. */
export function custodyWeek(w: World): void {
  const rng = w.rng.justice;
  const prng = w.rng.prison;
  const m2 = w.sc.mechanisms.M2;
  const m3 = w.sc.mechanisms.M3;
  const list = w.custody;
  for (let c = 0; c < list.size; c++) {
    const i = list.ids[c];
    const s = w.status[i];
    if (s === PRISON) {
      learn(w, i, prng);
      if (prisonWeek(w, i, prng)) {
        release(w, i, true);
        continue;
      }
    }
    if (s !== ADMIN && s !== PRETRIAL && s !== PRISON) continue;
    if (--w.timer[i] > 0) continue;
    const political = w.role[i] !== ORDINARY;
    if (s === ADMIN) {
      if (rng.random() < byRole(m3.charge, w.role[i])) {
        w.status[i] = PRETRIAL;
        w.timer[i] = trialDelay(w, rng);
        restrict(w, i, w.sc.mechanisms.M5.weeks);
      } else release(w, i, false);
    } else if (s === PRETRIAL) {
      const extremism = extremismCharge(w, i, rng);
      if (rng.random() < convictChance(w, i)) {
        w.counters.convicted[w.region[i]]++;
        if (w.role[i] === ARMED) w.counters.convictedArmed[w.region[i]]++;
        harm(w, i, m2.harmConvicted);
        if (extremism) putOnList(w, i);
        const term = termWeeks(w, i, rng);
        if (rng.random() < prisonShare(w, i)) {
          w.status[i] = PRISON;
          w.timer[i] = Math.min(65535, term);
          enterPrison(w, i, prng);
        } else {
          release(w, i, false);
          restrict(w, i, term);
        }
      } else release(w, i, false);
    } else release(w, i, political);
  }
  list.filter((i) => {
    const s = w.status[i];
    return s === ADMIN || s === PRETRIAL || s === PRISON;
  });
}

/** Ordinary convicts keep the prison population near its level (stock / mean term per week). */
export function ordinaryInflow(w: World): void {
  const p = w.sc.mechanisms.M8;
  const rng = w.rng.prison;
  const arrivals = rng.poisson(p.prisonPopulation / w.scale / Math.max(1, p.ordinaryTermWeeks));
  for (let a = 0; a < arrivals; a++) imprisonOrdinary(w, rng.int(w.n), Math.max(1, Math.round(p.ordinaryTermWeeks * (0.5 + rng.random()))));
}

export function imprisonOrdinary(w: World, i: number, term: number): void {
  if (w.status[i] !== FREE || w.role[i] !== 0) return;
  touch(w, i);
  if (w.flags[i] & ACTIVE) {
    w.flags[i] &= ~ACTIVE;
    w.activeChanged.push(~i);
  }
  w.role[i] = ORDINARY;
  w.status[i] = PRISON;
  w.timer[i] = Math.min(65535, term);
  w.custody.push(i);
}

export function kill(w: World, i: number): void {
  if (w.flags[i] & ACTIVE) {
    w.flags[i] &= ~ACTIVE;
    w.activeChanged.push(~i);
  }
  w.flags[i] &= ~WANTED;
  w.status[i] = DEAD;
  w.counters.killed[w.region[i]]++;
  harm(w, i, 0);
}
