import type { Rng } from '../../../engine/random.js';
import { ADMIN, ARMED, FREE, type IdList, ORDINARY, PRETRIAL, PRISON, SECT, WANTED, byRole, readAhead, READ_AHEAD, touch, type World } from '../state.js';
import { harm, stopActing } from './harm.js';
import { list } from './records.js';

/**
 * The state's machinery after an arrest: administrative arrest, charge, pre-trial detention,
 * trial, prison or restricted liberty, release. Ordinary prisoners pass through the same prisons.
 * Who is identified, convicted and for how long are rules mechanisms may replace (M3, M8);
 * what happens inside and after is for the mechanisms listening (M5, M7, M8, M9).
 */
export function detain(w: World, i: number): void {
  const m2 = w.sc.mechanisms.M2;
  // Before its timer is set: an agent at rest keeps its rest mark there (touched.ts).
  touch(w, i);
  stopActing(w, i);
  w.flags[i] &= ~WANTED;
  w.status[i] = ADMIN;
  w.timer[i] = Math.max(1, m2.adminWeeks);
  w.custody.push(i);
  w.counters.detained[w.region[i]]++;
  harm(w, i, m2.harmDetained);
  // A record of detention is enough to be treated as disloyal.
  restrict(w, i, undefined);
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
  for (const f of w.plan.on.released) f(w, i);
  if (political) restrict(w, i, undefined);
  if (w.affil[i] === SECT) for (const f of w.plan.on.sectReleased) f(w, i);
}

/** Restrictions for `weeks`, or for the usual term (undefined); what they do is M5's. */
export function restrict(w: World, i: number, weeks: number | undefined): void {
  for (const f of w.plan.on.restricted) f(w, i, weeks);
}

/** One week of the justice system for everybody in custody; drops those who left it. */
export function custodyWeek(w: World): void {
  const rng = w.rng.justice;
  const prng = w.rng.prison;
  const { on, rules } = w.plan;
  const m2 = w.sc.mechanisms.M2;
  const m3 = w.sc.mechanisms.M3;
  const ids = w.custody;
  for (let c = 0, warmed = 0; c < ids.size; c++) {
    if (c >= warmed) warmed = warmAhead(w, ids.ids, c, Math.min(ids.size, c + READ_AHEAD));
    const i = ids.ids[c];
    const s = w.status[i];
    if (s === PRISON && prisonWeek(w, i, prng)) {
      release(w, i, true);
      continue;
    }
    if (s !== ADMIN && s !== PRETRIAL && s !== PRISON) continue;
    if (--w.timer[i] > 0) continue;
    const political = w.role[i] !== ORDINARY;
    if (s === ADMIN) {
      if (rng.random() < byRole(m3.charge, w.role[i])) {
        w.status[i] = PRETRIAL;
        w.timer[i] = trialDelay(w, rng);
        restrict(w, i, undefined);
      } else release(w, i, false);
    } else if (s === PRETRIAL) {
      const extremism = rules.extremismCharge(w, i, rng);
      if (rng.random() < rules.convictChance(w, i)) {
        w.counters.convicted[w.region[i]]++;
        if (w.role[i] === ARMED) w.counters.convictedArmed[w.region[i]]++;
        harm(w, i, m2.harmConvicted);
        if (extremism) list(w, i);
        const term = drawTerm(rules.termMean(w, i), rng);
        if (rng.random() < rules.prisonShare(w, i)) {
          w.status[i] = PRISON;
          w.timer[i] = Math.min(65535, term);
          for (const f of on.imprisoned) f(w, i, prng);
        } else {
          release(w, i, false);
          restrict(w, i, term);
        }
      } else release(w, i, false);
    } else release(w, i, political);
  }
  ids.filter((i) => {
    const s = w.status[i];
    return s === ADMIN || s === PRETRIAL || s === PRISON;
  });
}

/** Reads ahead the columns the custody week reads of the next prisoners (see READ_AHEAD). */
function warmAhead(w: World, ids: Int32Array, from: number, to: number): number {
  const { status, timer, role, affil, skill, flags, region } = w;
  let sink = 0;
  for (let c = from; c < to; c++) {
    const i = ids[c];
    sink += status[i] + timer[i] + role[i] + affil[i] + skill[i] + flags[i] + region[i];
  }
  readAhead.sink = sink;
  return to;
}

/** A week inside; true when the prisoner is set free early. */
function prisonWeek(w: World, i: number, rng: Rng): boolean {
  const on = w.plan.on;
  for (const f of on.prisonWeek) if (f(w, i, rng)) return true;
  if (w.affil[i] === SECT) for (const f of on.sectWeek) f(w, i, rng);
  return false;
}

/** Ordinary convicts keep the prison population near its level (stock / mean term per week). */
export function ordinaryInflow(w: World): void {
  const p = w.sc.mechanisms.M8;
  const rng = w.rng.prison;
  const arrivals = rng.poisson(p.prisonPopulation / w.scale / Math.max(1, p.ordinaryTermWeeks));
  for (let a = 0; a < arrivals; a++) imprisonOrdinary(w, rng.int(w.n), drawTerm(p.ordinaryTermWeeks, rng));
}

/** A sentence in whole weeks, uniform on [mean/2, 3 mean/2], at least one week. */
export function drawTerm(mean: number, rng: Rng): number {
  return Math.max(1, Math.round(mean * (0.5 + rng.random())));
}

export function imprisonOrdinary(w: World, i: number, term: number): void {
  if (w.status[i] !== FREE || w.role[i] !== 0) return;
  touch(w, i);
  stopActing(w, i);
  w.role[i] = ORDINARY;
  w.status[i] = PRISON;
  w.timer[i] = Math.min(65535, term);
  w.custody.push(i);
}

/** The state asks for a crackdown in region r; the mechanism that runs crackdowns (M2) answers. */
export function requestCrackdown(w: World, r: number, fromWeek: number): void {
  for (const f of w.plan.on.crackdown) f(w, r, fromWeek);
}

/** The state puts down an explosion in region r. */
export function putDown(w: World, r: number, actives: IdList): void {
  for (const f of w.plan.on.putDown) f(w, r, actives);
}
