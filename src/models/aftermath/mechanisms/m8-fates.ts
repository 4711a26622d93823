import type { Rng } from '../../../engine/random.js';
import { ARMED, BULLIED, CREW, LISTED, LOOTER, NO_ROLE, ORDINARY, PEACEFUL, SECT, UNAFFILIATED, byRole, type World } from '../state.js';
import { convictOfExtremism } from './m7-school.js';

/**
 * M8 fates: sentencing by role; attention frees peaceful prisoners; armed crews rule the prisons;
 * vulnerable inmates (looters, ordinary convicts) are bullied or recruited by sects.
 * Off: one sentence for all roles, no early releases, no affiliations.
 */
const ROLE_MEAN = (v: { peaceful: number; armed: number; looters: number; organisers: number }) => (v.peaceful + v.armed + v.looters + v.organisers) / 4;

export function prisonShare(w: World, i: number): number {
  const p = w.sc.mechanisms.M8;
  return w.on.M8 ? byRole(p.prisonShare, w.role[i]) : ROLE_MEAN(p.prisonShare);
}

export function termWeeks(w: World, i: number, rng: Rng): number {
  const p = w.sc.mechanisms.M8;
  const mean = w.on.M8 ? byRole(p.termWeeks, w.role[i]) : ROLE_MEAN(p.termWeeks);
  return Math.max(1, Math.round(mean * (0.5 + rng.random())));
}

export function enterPrison(w: World, i: number, rng: Rng): void {
  if (w.on.M8 && w.role[i] === ARMED && rng.random() < w.sc.mechanisms.M8.crewJoin) w.affil[i] = CREW;
}

/** One week inside; returns true when attention frees a peaceful prisoner early. */
export function prisonWeek(w: World, i: number, rng: Rng): boolean {
  if (!w.on.M8) return false;
  const p = w.sc.mechanisms.M8;
  const role = w.role[i];
  if (role === PEACEFUL && rng.random() < p.attentionRelease * w.attention) return true;
  const a = w.affil[i];
  const vulnerable = role === LOOTER || role === ORDINARY || role === NO_ROLE;
  if (vulnerable && (a === UNAFFILIATED || a === BULLIED)) {
    const rate = p.sectRecruit * (a === BULLIED ? p.bulliedFactor : 1);
    if (rng.random() < rate) {
      w.affil[i] = SECT;
      w.counters.sectRecruits[w.region[i]]++;
    } else if (a === UNAFFILIATED && rng.random() < p.bullyRate) w.affil[i] = BULLIED;
  }
  if (w.affil[i] === SECT && w.on.M7 && (w.flags[i] & LISTED) === 0 && rng.random() < w.sc.mechanisms.M7.listSect) convictOfExtremism(w, i);
  return false;
}
