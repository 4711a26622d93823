import type { Mechanism } from '../mechanism.js';
import { DIRECT, HOUSEHOLD, INDIRECT, touch, type World } from '../state.js';

/**
 * M4 spillover: whoever is harmed, their household and friends gain grievance too, and the ties
 * of those a little, so "relatives and friends, the deceased and the arrested" all have a
 * reason to resent.
 */
export const m4: Mechanism = {
  id: 'M4',
  name: 'spillover',
  description: "harm raises the grievance of the harmed agent's household and friends, decaying with distance; directly and indirectly affected",
  on: { harmed: spill },
};

function spill(w: World, i: number): void {
  const p = w.sc.mechanisms.M4;
  const { offsets, targets, kinds } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    const household = kinds[e] === HOUSEHOLD;
    const weight = household ? 1 : p.friendWeight;
    const g = p.harmTie * weight;
    touch(w, j);
    w.bonus[j] = Math.min(1, w.bonus[j] + g);
    if ((w.flags[j] & (DIRECT | INDIRECT)) === 0) {
      w.flags[j] |= INDIRECT;
      w.counters.indirect[w.region[j]]++;
    }
    if (p.hops < 2) continue;
    const g2 = g * p.decay;
    for (let e2 = offsets[j]; e2 < offsets[j + 1]; e2++) {
      const l = targets[e2];
      if (l === i) continue;
      touch(w, l);
      w.bonus[l] = Math.min(1, w.bonus[l] + g2 * (kinds[e2] === HOUSEHOLD ? 1 : p.friendWeight));
    }
  }
}
