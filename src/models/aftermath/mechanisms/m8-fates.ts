import { z } from 'zod';
import { prob, nonneg, weeks, perRole } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { ARMED, BULLIED, CREW, LOOTER, NO_ROLE, ORDINARY, PEACEFUL, PRISON, SECT, UNAFFILIATED, byRole, type World } from '../state.js';
import type { Rng } from '../../../engine/random.js';

/** M8's parameters, under `mechanisms.M8` of a scenario. */
export const params = z
  .strictObject({
    prisonShare: perRole([0.1, 0.5, 0.3, 0.7], 'share of convictions served in prison (rest: restricted liberty)', { source: 'DATA.md: 132 of 599 to prison' }),
    termWeeks: perRole([104, 416, 208, 520], 'prison term', { unit: 'weeks' }, 5200),
    attentionRelease: prob(0.01, 'weekly chance a peaceful prisoner is freed per unit of attention', { source: 'the seed (complaints, image)' }),
    attention: prob(0.5, 'international attention at t0', { unit: 'share' }),
    crewJoin: prob(0.8, 'chance an armed prisoner joins a crew'),
    sectRecruit: prob(0.0002, 'weekly chance a vulnerable inmate joins a sect', { source: 'assumed; Neumann 2010 on crowding' }),
    bullyRate: prob(0.02, 'weekly chance a vulnerable inmate becomes bullied'),
    bulliedFactor: nonneg(3, 'sect recruitment factor for the bullied', { unit: 'x' }),
    prisonPopulation: nonneg(30000, 'ordinary prisoners at t0 (kept steady by inflow)', { unit: 'people', source: 'DATA.md (about 30,000, Oct 2020)' }),
    ordinaryTermWeeks: weeks(156, 'mean term of ordinary prisoners'),
    sectInitial: prob(0.02, 'share of ordinary prisoners in sects at t0', { unit: 'share' }),
  })
  .prefault({});

/**
 * M8 fates: sentencing by role; attention frees peaceful prisoners; armed crews rule the prisons;
 * vulnerable inmates (looters, ordinary convicts) are bullied or recruited by sects.
 * Off: one sentence for all roles, no early releases, no affiliations.
 */
type PerRole = { peaceful: number; armed: number; looters: number; organisers: number };
const roleMean = (v: PerRole) => (v.peaceful + v.armed + v.looters + v.organisers) / 4;

export const m8: MechanismOf<'M8', typeof params> = {
  id: 'M8',
  name: 'fates',
  description: 'per-role sentencing; attention frees the peaceful; armed crews rule prisons; vulnerable inmates are bullied or recruited by sects',
  params,
  on: {
    initialPrisoner: (w, i, rng) => {
      if (w.status[i] === PRISON && rng.random() < w.sc.mechanisms.M8.sectInitial) w.affil[i] = SECT;
    },
    imprisoned: (w, i, rng) => {
      if (w.role[i] === ARMED && rng.random() < w.sc.mechanisms.M8.crewJoin) w.affil[i] = CREW;
    },
    prisonWeek,
  },
  rules: {
    prisonShare: (w, i) => byRole(w.sc.mechanisms.M8.prisonShare, w.role[i]),
    termMean: (w, i) => byRole(w.sc.mechanisms.M8.termWeeks, w.role[i]),
  },
  offRules: {
    prisonShare: (w) => roleMean(w.sc.mechanisms.M8.prisonShare),
    termMean: (w) => roleMean(w.sc.mechanisms.M8.termWeeks),
  },
};

/** One week inside; returns true when attention frees a peaceful prisoner early. */
export function prisonWeek(w: World, i: number, rng: Rng): boolean {
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
  return false;
}
