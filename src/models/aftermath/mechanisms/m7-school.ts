import type { Rng } from '../../../engine/random.js';
import type { Mechanism } from '../mechanism.js';
import { convictOfExtremism, makeOrganiser } from '../core/records.js';
import { BULLIED, CREW, LISTED, SECT, byRole, type World } from '../state.js';

/**
 * M7 school of hate: prisoners gain organising skill (crews fastest); released with enough
 * skill they are organisers, who lower their ties' thresholds and make crowds look bigger.
 * Convictions on extremism or terrorism charges, sect members and convicted radicals enter the list.
 */
export const m7: Mechanism = {
  id: 'M7',
  name: 'school',
  description: 'prisoners gain organising skill; released organisers lower thresholds and embolden their ties; extremism and terrorism convictions enter the list',
  on: {
    prisonWeek: (w, i, rng) => {
      learn(w, i, rng);
      return false;
    },
    sectWeek: (w, i, rng) => {
      if ((w.flags[i] & LISTED) === 0 && rng.random() < w.sc.mechanisms.M7.listSect) convictOfExtremism(w, i);
    },
    released: graduate,
    radical: (w, i) => {
      if ((w.flags[i] & LISTED) === 0 && w.rng.sweep.random() < w.sc.mechanisms.M7.listRadical) convictOfExtremism(w, i);
    },
  },
  rules: { extremismCharge },
  weights: (sc) => ({ organiserThresholdDrop: sc.mechanisms.M7.thresholdDrop, organiserCrowdBoost: sc.mechanisms.M7.perceivedBoost }),
};

export function learn(w: World, i: number, rng: Rng): void {
  const rates = w.sc.mechanisms.M7.skillRate;
  const a = w.affil[i];
  const rate = a === CREW ? rates.crew : a === SECT ? rates.sect : a === BULLIED ? rates.bullied : rates.none;
  const gain = Math.floor(rate) + (rng.random() < rate - Math.floor(rate) ? 1 : 0);
  w.skill[i] = Math.min(255, w.skill[i] + gain);
}

export function graduate(w: World, i: number): void {
  if (w.skill[i] >= w.sc.mechanisms.M7.organiserSkill) makeOrganiser(w, i);
}

/** Whether a trial is on terrorism or extremism charges (by role); such a trial is a court case whatever its verdict. */
export function extremismCharge(w: World, i: number, rng: Rng): boolean {
  if (rng.random() >= byRole(w.sc.mechanisms.M7.terrorCharge, w.role[i])) return false;
  w.counters.courtCases[w.region[i]]++;
  return true;
}
