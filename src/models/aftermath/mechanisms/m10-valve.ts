import { z } from 'zod';
import { prob, nonneg } from '../params.js';
import type { Rng } from '../../../engine/random.js';
import type { MechanismOf } from '../mechanism.js';
import { extradite } from '../core/custody.js';
import { stopActing } from '../core/harm.js';
import { ABROAD, DIRECT, FOR_RADICAL, FREE, LISTED, touch, type World } from '../state.js';

const destination = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string(),
  weight: nonneg(1, 'relative share of emigration attempts aimed here'),
  acceptance: prob(0.3, 'chance an attempt ends with entry'),
  asylum: prob(0, 'chance an entrant gets protection and stays'),
  cost: prob(0, 'hardship above which the move is unaffordable is 1 - cost', { unit: 'share' }),
  danger: prob(0, 'chance an entrant is returned or extradited and detained at home'),
});

/** M10's parameters, under `mechanisms.M10` of a scenario. */
export const params = z
  .strictObject({
    attemptRate: prob(0.002, 'weekly chance a pressured agent (outcast, listed, radical, harmed and protest-minded) tries to leave'),
    returnRate: prob(0.01, 'weekly chance an emigrant without asylum has to return'),
    destinations: z.array(destination).default([]),
  })
  .prefault({});

/**
 * M10 valve: the pressured try to leave; each destination lets them in, protects them, costs
 * money and may send them back. The seed's neighbours are a closed valve; "the Belarus way"
 * is the same mechanism with the valve open.
 */
export const m10: MechanismOf<'M10', typeof params> = {
  id: 'M10',
  name: 'valve',
  description: 'emigration of the pressured with per-destination acceptance, asylum, cost and danger of return',
  params,
  on: {
    exit: (w, i, minded, outcast) => {
      if (isPressured(w, i, minded, outcast)) tryToLeave(w, i, w.rng.valve);
    },
    abroad: (w, i) => stayAbroad(w, i, w.rng.valve),
  },
  // Not pressured unless outcast (M5 says), listed, radical, or harmed and protest-minded.
  quiet: (w, i) => (w.flags[i] & LISTED) === 0 && w.orient[i] !== FOR_RADICAL,
};

export function isPressured(w: World, i: number, protestMinded: boolean, outcast: boolean): boolean {
  return outcast || (w.flags[i] & LISTED) !== 0 || w.orient[i] === FOR_RADICAL || (protestMinded && (w.flags[i] & DIRECT) !== 0);
}

export function tryToLeave(w: World, i: number, rng: Rng): void {
  const p = w.sc.mechanisms.M10;
  const dests = p.destinations;
  if (dests.length === 0 || rng.random() >= p.attemptRate) return;
  let total = 0;
  for (const d of dests) total += d.weight;
  if (total <= 0) return;
  let x = rng.random() * total;
  let d = 0;
  while (d < dests.length - 1 && x >= dests[d].weight) x -= dests[d++].weight;
  if (w.hardship[i] + w.extraHardship[i] > 1 - dests[d].cost) return;
  if (rng.random() >= w.destAcceptance[d]) return;
  if (rng.random() < w.destDanger[d]) {
    w.counters.returned[w.region[i]]++;
    extradite(w, i);
    return;
  }
  touch(w, i);
  stopActing(w, i);
  w.status[i] = ABROAD;
  w.destination.set(i, d);
  // timer is unused abroad: 1 marks protection (asylum), 0 a stay that may end.
  w.timer[i] = rng.random() < w.destAsylum[d] ? 1 : 0;
  w.counters.emigrants[w.region[i]]++;
}

/** Emigrants without protection may have to come back. */
function stayAbroad(w: World, i: number, rng: Rng): void {
  if (w.timer[i] === 0 && rng.random() < w.sc.mechanisms.M10.returnRate) w.status[i] = FREE;
}
