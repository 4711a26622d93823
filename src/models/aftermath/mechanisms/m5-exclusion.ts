import { z } from 'zod';
import { nonneg, weeks } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { householdEnd, touch, type World } from '../state.js';

/** M5's parameters, under `mechanisms.M5` of a scenario. */
export const params = z
  .strictObject({
    hardshipRate: nonneg(0.004, 'hardship added per week of restrictions', { unit: 'hardship/week' }),
    hardshipCap: nonneg(0.4, 'most hardship restrictions add', { unit: 'hardship' }),
    weeks: weeks(156, 'restrictions after a recorded detention, a charge or a release'),
    family: z.boolean().default(true).meta({ unit: 'yes/no', description: 'restrictions reach the household', source: 'the seed ("pressure exerted on them and their relatives")' }),
  })
  .prefault({});

/**
 * M5 exclusion: restrictions (no jobs, loans, accounts, payments) on the detained on the record,
 * the charged, the released and the listed, and on their households. A restricted agent is an
 * outcast; its hardship rises week by week up to a cap. The listed stay restricted for as long
 * as they are listed.
 */
export const INDEFINITE = 65535;

export const m5: MechanismOf<'M5', typeof params> = {
  id: 'M5',
  name: 'exclusion',
  description: 'restrictions on the charged, released and listed and their households raise hardship week by week: the outcasts',
  params,
  on: {
    restricted: (w, i, weeks) => restrict(w, i, weeks ?? w.sc.mechanisms.M5.weeks),
    listed: (w, i) => {
      // Their households as after a detention.
      restrict(w, i, w.sc.mechanisms.M5.weeks);
      w.restrictedUntil[i] = INDEFINITE;
    },
    delisted: (w, i) => {
      if (w.restrictedUntil[i] === INDEFINITE) w.restrictedUntil[i] = Math.min(INDEFINITE - 1, w.week + w.sc.mechanisms.M5.weeks);
    },
    pardoned: (w, i) => {
      w.restrictedUntil[i] = 0;
    },
  },
  // Restrictions over and their hardship worn off: nothing to suffer until restricted again (a touch).
  quiet: (w, i) => w.restrictedUntil[i] <= w.week && w.extraHardship[i] === 0,
  rules: {
    outcast: (w, i, acting) => (acting ? sufferRestrictions(w, i) : w.restrictedUntil[i] > w.week),
  },
};

export function restrict(w: World, i: number, weeks: number): void {
  const until = weeks >= INDEFINITE ? INDEFINITE : Math.min(INDEFINITE - 1, w.week + weeks);
  apply(w, i, until);
  if (!w.sc.mechanisms.M5.family) return;
  const { offsets, targets } = w.net;
  for (let e = offsets[i], end = householdEnd(w, i); e < end; e++) apply(w, targets[e], until);
}

function apply(w: World, i: number, until: number): void {
  touch(w, i);
  if (w.restrictedUntil[i] < until) w.restrictedUntil[i] = until;
}

/**
 * One week under restrictions: returns true when the agent is an outcast this week. Once they
 * are lifted the added hardship wears off at the rate it came (a job found again, a loan).
 */
export function sufferRestrictions(w: World, i: number): boolean {
  const p = w.sc.mechanisms.M5;
  if (w.restrictedUntil[i] <= w.week) {
    if (w.extraHardship[i] > 0) w.extraHardship[i] = Math.max(0, w.extraHardship[i] - p.hardshipRate);
    return false;
  }
  const x = w.extraHardship[i] + p.hardshipRate;
  w.extraHardship[i] = x > p.hardshipCap ? p.hardshipCap : x;
  return true;
}
