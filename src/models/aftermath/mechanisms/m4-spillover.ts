import { z } from 'zod';
import { prob, nonneg } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { DIRECT, INDIRECT, householdEnd, touch, type World } from '../state.js';

/** M4's parameters, under `mechanisms.M4` of a scenario. */
export const params = z
  .strictObject({
    harmTie: nonneg(0.01, 'grievance added to a household member of the harmed', { unit: 'grievance' }),
    friendWeight: nonneg(0.5, 'friend tie relative to a household tie'),
    hops: z.number().int().min(1).max(2).default(2).meta({ unit: 'ties', description: 'distance the spillover reaches', source: 'assumed' }),
    decay: prob(0.3, 'factor per further tie', { unit: 'share' }),
    halfLife: nonneg(260, 'half-life of harm-driven grievance', { unit: 'weeks' }),
  })
  .prefault({});

/**
 * M4 spillover: whoever is harmed, their household and friends gain grievance too, and the ties
 * of those a little, so "relatives and friends, the deceased and the arrested" all have a
 * reason to resent.
 */
export const m4: MechanismOf<'M4', typeof params> = {
  id: 'M4',
  name: 'spillover',
  description: "harm raises the grievance of the harmed agent's household and friends, decaying with distance; directly and indirectly affected",
  params,
  on: { harmed: spill },
};

function spill(w: World, i: number): void {
  const p = w.sc.mechanisms.M4;
  const { offsets, targets } = w.net;
  const households = householdEnd(w, i);
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    const household = e < households;
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
    const households2 = householdEnd(w, j);
    for (let e2 = offsets[j]; e2 < offsets[j + 1]; e2++) {
      const l = targets[e2];
      if (l === i) continue;
      touch(w, l);
      w.bonus[l] = Math.min(1, w.bonus[l] + g2 * (e2 < households2 ? 1 : p.friendWeight));
    }
  }
}
