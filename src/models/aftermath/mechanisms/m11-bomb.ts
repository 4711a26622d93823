import type { IdList } from '../state.js';
import { FREE, stochasticRound, touch, type World } from '../state.js';
import { dateOf } from '../schema.js';
import { crackdownDeaths, markWanted, startCrackdown } from './m2-funnel.js';

/**
 * M11 bomb: activation spreads through ties (in the activation rule), a region "explodes" when
 * its active share passes a threshold, and the state answers with a new crackdown (M2).
 *
 * A trigger (a strike, a local abuse, a price rise in one town) is local: it gathers the people
 * around one resident, found by following ties outward (`reach` people), and each of them sees
 * a crowd of `size` extra actives that week. Whether it grows into an explosion depends on who
 * is caught up in it and on their ties: their grievance, risk, organisers and radicals, built up
 * by M2-M10. The same trigger in a population with nothing accumulated fizzles out.
 * Random triggers arrive with M11; scheduled ones come from the interventions.
 */
export interface ScheduledSpark {
  readonly region: number;
  readonly size: number;
  readonly reach: number;
}

export function drawSparks(w: World, scheduled: readonly ScheduledSpark[]): void {
  const p = w.sc.mechanisms.M11;
  const rng = w.rng.bomb;
  for (const s of scheduled) gather(w, s.region, s.size, s.reach);
  if (!w.on.M11) return;
  for (let r = 0; r < w.nRegions; r++) {
    if (rng.random() < p.sparkRate) gather(w, r, -Math.log(1 - rng.random()) * p.sparkSize, p.sparkReach);
  }
}

/** A gathering around one free resident of region r, breadth-first along ties. */
function gather(w: World, r: number, size: number, reachPeople: number): void {
  const rng = w.rng.bomb;
  const want = Math.max(1, stochasticRound(reachPeople / w.scale, rng));
  const a = w.regionStart[r];
  const seed = a + rng.int(w.regionStart[r + 1] - a);
  const seen = new Set<number>([seed]);
  const queue = [seed];
  const { offsets, targets } = w.net;
  for (let q = 0; q < queue.length && seen.size < want; q++) {
    const i = queue[q];
    for (let e = offsets[i]; e < offsets[i + 1] && seen.size < want; e++) {
      const j = targets[e];
      if (seen.has(j)) continue;
      seen.add(j);
      queue.push(j);
    }
  }
  for (const j of seen) {
    if (w.status[j] !== FREE) continue;
    touch(w, j);
    if (w.localCrowd[j] === 0) w.sparked.push(j);
    w.localCrowd[j] += size;
  }
}

/** The gatherings last one week. */
export function disperseSparks(w: World): void {
  for (let c = 0; c < w.sparked.size; c++) w.localCrowd[w.sparked.ids[c]] = 0;
  w.sparked.size = 0;
}

/** Counts explosions (always: it is an indicator) and, with M11, answers them. */
export function detectExplosions(w: World, actives: IdList): void {
  const p = w.sc.mechanisms.M11;
  for (let r = 0; r < w.nRegions; r++) {
    const share = w.activeShare[r];
    if (!w.exploding[r] && share > p.explosionShare) {
      w.exploding[r] = 1;
      w.counters.explosions[r]++;
      w.explosionLog.push({ step: w.week - w.origin, date: dateOf(w.sc.t0, w.week - w.origin), region: w.sc.regions[r].id, active: Math.round(share * w.census.home[r] * w.scale) });
      if (!w.on.M11 || w.week <= w.crackdownUntil[r]) continue;
      for (let c = 0; c < actives.size; c++) if (w.region[actives.ids[c]] === r) markWanted(w, actives.ids[c]);
      crackdownDeaths(w, r, actives);
      startCrackdown(w, r, w.week + 1);
    } else if (w.exploding[r] && share < p.explosionShare / 2) w.exploding[r] = 0;
  }
}

/**
 * Unrest events of every size, as the press counts them: an event starts in a region when its
 * active people reach M11.unrestSmall and ends when they fall below half of it. It is counted
 * in the class of its peak so far (small, medium from M11.unrestMedium, large from
 * M11.unrestLarge), moving up a class as it grows, never down. Counted whether M11 is on or not.
 */
export function countUnrest(w: World): void {
  const p = w.sc.mechanisms.M11;
  const c = w.counters;
  for (let r = 0; r < w.nRegions; r++) {
    const people = w.census.active[r] * w.scale;
    if (!w.inUnrest[r]) {
      if (people < p.unrestSmall) continue;
      w.inUnrest[r] = 1;
      w.unrestPeak[r] = 0;
      bump(c, classOf(p, people), r, 1);
      w.unrestPeak[r] = people;
    } else if (people < p.unrestSmall / 2) {
      w.inUnrest[r] = 0;
    } else if (people > w.unrestPeak[r]) {
      const before = classOf(p, w.unrestPeak[r]);
      const after = classOf(p, people);
      if (after !== before) {
        bump(c, before, r, -1);
        bump(c, after, r, 1);
      }
      w.unrestPeak[r] = people;
    }
  }
}

function classOf(p: { unrestMedium: number; unrestLarge: number }, people: number): 0 | 1 | 2 {
  return people >= p.unrestLarge ? 2 : people >= p.unrestMedium ? 1 : 0;
}

function bump(c: World['counters'], k: 0 | 1 | 2, r: number, d: number): void {
  (k === 0 ? c.unrestSmall : k === 1 ? c.unrestMedium : c.unrestLarge)[r] += d;
}
