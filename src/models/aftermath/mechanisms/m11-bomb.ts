import type { IdList } from '../state.js';
import { type World } from '../state.js';
import { dateOf } from '../schema.js';
import { crackdownDeaths, markWanted, startCrackdown } from './m2-funnel.js';

/**
 * M11 bomb: activation spreads through ties (in the activation rule), a region "explodes" when
 * its active share passes a threshold, and the state answers with a new crackdown (M2).
 * Local triggers arrive at random; scheduled ones come from the interventions.
 */
export function drawSparks(w: World, scheduled: Float64Array): void {
  const p = w.sc.mechanisms.M11;
  const rng = w.rng.bomb;
  for (let r = 0; r < w.nRegions; r++) {
    let s = scheduled[r];
    if (w.on.M11 && rng.random() < p.sparkRate) s += -Math.log(1 - rng.random()) * p.sparkSize;
    w.spark[r] = s;
  }
  scheduled.fill(0);
}

/** Counts explosions (always: it is an indicator) and, with M11, answers them. */
export function detectExplosions(w: World, actives: IdList): void {
  const p = w.sc.mechanisms.M11;
  for (let r = 0; r < w.nRegions; r++) {
    const share = w.activeShare[r];
    if (!w.exploding[r] && share > p.explosionShare) {
      w.exploding[r] = 1;
      w.counters.explosions[r]++;
      w.explosionLog.push({ step: w.week, date: dateOf(w.sc.t0, w.week), region: w.sc.regions[r].id, active: Math.round(share * w.census.home[r] * w.scale) });
      if (!w.on.M11 || w.week <= w.crackdownUntil[r]) continue;
      for (let c = 0; c < actives.size; c++) if (w.region[actives.ids[c]] === r) markWanted(w, actives.ids[c]);
      crackdownDeaths(w, r, actives);
      startCrackdown(w, r, w.week + 1);
    } else if (w.exploding[r] && share < p.explosionShare / 2) w.exploding[r] = 0;
  }
}
