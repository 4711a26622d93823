import { z } from 'zod';
import { prob, nonneg, perRole } from '../params.js';
import type { Rng } from '../../../engine/random.js';
import type { MechanismOf } from '../mechanism.js';
import { convictOfExtremism, makeOrganiser } from '../core/records.js';
import { BULLIED, CREW, FOR_RADICAL, LISTED, SECT, byRole, type World } from '../state.js';

/** M7's parameters, under `mechanisms.M7` of a scenario. */
export const params = z
  .strictObject({
    skillRate: z
      .strictObject({ none: nonneg(0.3, 'skill per week'), crew: nonneg(1.5, 'skill per week'), sect: nonneg(1, 'skill per week'), bullied: nonneg(0.1, 'skill per week') })
      .prefault({})
      .meta({ unit: 'skill points per week', description: 'organising skill gained in prison by affiliation', source: 'assumed' }),
    organiserSkill: nonneg(60, 'skill at release that makes an organiser', { unit: 'skill points' }),
    thresholdDrop: nonneg(0.01, 'activation threshold lowered per organiser tie', { unit: 'grievance' }),
    perceivedBoost: nonneg(1.5, 'perceived actives added per organiser tie', { unit: 'people' }),
    listInitial: nonneg(1500, 'extremist and terrorist list at t0', { unit: 'people', source: 'the seed ("from one two thousand")' }),
    terrorCharge: perRole([0.05, 0.6, 0.35, 0.8], 'chance a conviction is on terrorism or extremism charges', { source: 'the seed (looters "terrorists only on paper")' }),
    listRadical: prob(0.004, 'weekly chance a free radical is convicted of extremism and listed'),
    listSect: prob(0.004, 'weekly chance a sect member in prison is listed'),
    listExit: prob(0.0155, 'weekly chance a listed person is taken off the list (sentence served, appeal, death)', {
      source: 'calibrated (stage 0, docs/calibration.md): the quiet world keeps the list level at listInitial',
    }),
    organiserExit: prob(0.002, 'weekly chance a free organiser stops organising', { source: 'assumed (about ten years)' }),
  })
  .prefault({});

/**
 * M7 school of hate: prisoners gain organising skill (crews fastest); released with enough
 * skill they are organisers, who lower their ties' thresholds and make crowds look bigger.
 * Convictions on extremism or terrorism charges, sect members and convicted radicals enter the list.
 */
export const m7: MechanismOf<'M7', typeof params> = {
  id: 'M7',
  name: 'school',
  description: 'prisoners gain organising skill; released organisers lower thresholds and embolden their ties; extremism and terrorism convictions enter the list',
  params,
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
  quiet: (w, i) => w.orient[i] !== FOR_RADICAL,
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
