import type { IdList, World } from '../state.js';
import { dateOf } from '../params.js';

/**
 * Explosions, as the indicators count them: a region explodes when its active share passes
 * M11.explosionShare, and can explode again once it has fallen below half of it. Counted
 * whatever mechanisms are on; how the state answers is for those listening to `exploded`.
 */
export function detectExplosions(w: World, actives: IdList): void {
  const p = w.sc.mechanisms.M11;
  for (let r = 0; r < w.nRegions; r++) {
    const share = w.activeShare[r];
    if (!w.exploding[r] && share > p.explosionShare) {
      w.exploding[r] = 1;
      w.counters.explosions[r]++;
      w.explosionLog.push({ step: w.week - w.origin, date: dateOf(w.sc.t0, w.week - w.origin), region: w.sc.regions[r].id, active: Math.round(share * w.census.home[r] * w.scale) });
      for (const f of w.plan.on.exploded) f(w, r, actives);
    } else if (w.exploding[r] && share < p.explosionShare / 2) w.exploding[r] = 0;
  }
}

/**
 * Unrest events of every size, as the press counts them: an event starts in a region when its
 * active people reach M11.unrestSmall and ends when they fall below half of it. It is counted
 * in the class of its peak so far (small, medium from M11.unrestMedium, large from
 * M11.unrestLarge), moving up a class as it grows, never down.
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
