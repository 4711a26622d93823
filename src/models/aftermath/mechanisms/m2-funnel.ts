import { z } from 'zod';
import { prob, nonneg, weeks } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { detain } from '../core/custody.js';
import { harm, kill } from '../core/harm.js';
import { ACTIVE, FREE, type IdList, NO_ROLE, WANTED, type World } from '../state.js';

/** M2's parameters, under `mechanisms.M2` of a scenario. */
export const params = z
  .strictObject({
    weeks: weeks(3, 'length of a crackdown'),
    surge: nonneg(3, 'police multiplier during a crackdown', { unit: 'x' }),
    capacity: nonneg(3000, 'most recorded detentions a region can process in a week', { unit: 'people per week' }),
    aftermathWeeks: weeks(26, 'weeks the surge takes to fade after a crackdown'),
    stopsPerDetention: nonneg(4, 'unrecorded stops per recorded detention', { unit: 'ratio', source: 'the seed: "greater by several fold"' }),
    stopsAmongTies: prob(0.3, 'share of stops falling on ties of the wanted'),
    adminWeeks: weeks(2, 'administrative arrest before release or charge', { source: 'DATA.md (3,314 administrative arrests)' }),
    killedPerActive: prob(0.003, 'deaths per active when a later explosion is put down', { source: 'assumed; January: 238 dead among tens of thousands of participants' }),
    harmDetained: nonneg(0.06, 'grievance added to the detained', { unit: 'grievance' }),
    harmStopped: nonneg(0.03, 'grievance added to the stopped', { unit: 'grievance' }),
    harmConvicted: nonneg(0.04, 'grievance added on conviction', { unit: 'grievance' }),
  })
  .prefault({});

/**
 * M2 funnel: a crackdown detains the wanted on the record and stops several times as many off
 * the record (searched, beaten, made to pay, released); both tracks harm whoever they touch.
 * Outside crackdowns the police still pick up some of the active.
 */
export const m2: MechanismOf<'M2', typeof params> = {
  id: 'M2',
  name: 'funnel',
  description: 'crackdowns: recorded detention and several-fold unrecorded stops, each raising the grievance of whoever it touches',
  params,
  stages: {
    crackdown: (w, week) => funnelWeek(w, week.actives),
    fade: (w) => fadeSurge(w),
  },
  on: {
    crackdown: (w, r, fromWeek) => startCrackdown(w, r, fromWeek),
    putDown: (w, r, actives) => crackdownDeaths(w, r, actives),
  },
};

function startCrackdown(w: World, r: number, fromWeek: number): void {
  const p = w.sc.mechanisms.M2;
  w.crackdownUntil[r] = Math.max(w.crackdownUntil[r], fromWeek + Math.max(1, p.weeks) - 1);
  w.surge[r] = Math.max(w.surge[r], p.surge);
}

export function funnelWeek(w: World, actives: IdList): void {
  const rng = w.rng.funnel;
  const span = Math.max(1, w.sc.mechanisms.M2.weeks);
  const weeksLeft = new Float64Array(w.nRegions);
  let any = false;
  for (let r = 0; r < w.nRegions; r++) {
    weeksLeft[r] = w.week <= w.crackdownUntil[r] ? w.crackdownUntil[r] - w.week + 1 : 0;
    if (weeksLeft[r] > 0) any = true;
  }
  if (any) {
    // Cells, courts and police hours are finite: a crackdown cannot detain a whole province.
    const room = Float64Array.from(w.sc.regions, () => w.sc.mechanisms.M2.capacity / w.scale);
    const identify = w.plan.rules.identifyChance;
    const wanted = w.wanted;
    for (let c = 0; c < wanted.size; c++) {
      const i = wanted.ids[c];
      const r = w.region[i];
      if (weeksLeft[r] === 0 || w.status[i] !== FREE || (w.flags[i] & WANTED) === 0) continue;
      // The crackdown's chance of catching someone, spread evenly over its weeks.
      const total = w.role[i] !== NO_ROLE ? identify(w, i) : 0;
      const chance = 1 - Math.pow(1 - Math.min(total, 0.999999), 1 / span);
      if (room[r] >= 1 && rng.random() < chance) {
        room[r]--;
        arrestWithStops(w, i, r);
      } else if (weeksLeft[r] === 1) w.flags[i] &= ~WANTED;
    }
    wanted.filter((i) => (w.flags[i] & WANTED) !== 0);
  }
  for (let c = 0; c < actives.size; c++) {
    const i = actives.ids[c];
    if (w.status[i] !== FREE || (w.flags[i] & ACTIVE) === 0 || weeksLeft[w.region[i]] > 0) continue;
    if (rng.random() < w.sc.epstein.routineArrest * w.intensity[w.region[i]]) detain(w, i);
  }
}

function arrestWithStops(w: World, i: number, r: number): void {
  const p = w.sc.mechanisms.M2;
  const rng = w.rng.funnel;
  detain(w, i);
  w.stopsOwed[r] += p.stopsPerDetention * w.sc.regions[r].stopFactor;
  const a = w.regionStart[r];
  const len = w.regionStart[r + 1] - a;
  const { offsets, targets } = w.net;
  while (w.stopsOwed[r] >= 1) {
    w.stopsOwed[r] -= 1;
    let j: number;
    const deg = offsets[i + 1] - offsets[i];
    if (deg > 0 && rng.random() < p.stopsAmongTies) j = targets[offsets[i] + rng.int(deg)];
    else j = a + rng.int(len);
    if (w.status[j] !== FREE) continue;
    w.counters.stopped[w.region[j]]++;
    harm(w, j, p.harmStopped);
  }
}

/** Deaths when a later explosion is put down. */
function crackdownDeaths(w: World, r: number, actives: IdList): void {
  const p = w.sc.mechanisms.M2.killedPerActive;
  const rng = w.rng.funnel;
  for (let c = 0; c < actives.size; c++) {
    const i = actives.ids[c];
    if (w.region[i] === r && w.status[i] === FREE && rng.random() < p) kill(w, i);
  }
}

/** After a crackdown the surge of police fades back to normal. */
function fadeSurge(w: World): void {
  const weeks = Math.max(1, w.sc.mechanisms.M2.aftermathWeeks);
  const target = w.sc.mechanisms.M2.surge;
  for (let r = 0; r < w.nRegions; r++) {
    if (w.week <= w.crackdownUntil[r] || w.surge[r] <= 1) continue;
    w.surge[r] = Math.max(1, w.surge[r] - (target - 1) / weeks);
  }
}
