import { z } from 'zod';
import { prob, nonneg } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { putDown, requestCrackdown } from '../core/custody.js';
import { gather } from '../core/sparks.js';
import { ARMED, FOR_RADICAL, type IdList, NO_ROLE, ORGANISER, ORGANISER_ROLE, PEACEFUL, WANTED, touch, type World } from '../state.js';

/** M11's parameters, under `mechanisms.M11` of a scenario. */
export const params = z
  .strictObject({
    explosionShare: prob(0.003, 'active share of a region that makes an explosion', { unit: 'share' }),
    sparkRate: prob(0.0015, 'weekly chance of a local trigger in a region', { source: 'assumed (Zhanaozen 2011, January 2022: about one big trigger a decade)' }),
    sparkSize: nonneg(20, 'mean crowd a local trigger shows those caught up in it (exponential)', { unit: 'perceived actives' }),
    sparkReach: nonneg(2000, 'people a local trigger catches up, along ties from one resident', { unit: 'people', source: 'assumed (a workplace or a neighbourhood)' }),
    unrestSmall: nonneg(100, 'active people in a region that make an unrest event (the small class starts here)', { unit: 'people', source: 'assumed (a street protest the press reports)' }),
    unrestMedium: nonneg(1000, 'peak active people from which an unrest event is medium', { unit: 'people', source: 'assumed (Zhanaozen 2011: a strike of some thousands)' }),
    unrestLarge: nonneg(10000, 'peak active people from which an unrest event is large', { unit: 'people', source: 'assumed (January 2022: tens of thousands)' }),
  })
  .prefault({});

/**
 * M11 bomb: activation spreads through ties (each active tie adds to the crowd an agent sees),
 * random local triggers arrive, and the state answers an explosion with a new crackdown: its
 * actives are wanted, some die as it is put down (M2). Whether a trigger grows into an
 * explosion depends on who it catches up and on their ties: their grievance, risk, organisers
 * and radicals, built up by M2-M10. The same trigger in a population with nothing accumulated
 * fizzles out.
 */
export const m11: MechanismOf<'M11', typeof params> = {
  id: 'M11',
  name: 'bomb',
  description: 'activation cascades on ties, explosions when a region passes an active share, new crackdowns in answer, random local triggers',
  params,
  stages: { sparks: randomSparks },
  on: { exploded: answer },
  weights: (sc) => ({ activeTieWeight: sc.epstein.tieWeight }),
};

function randomSparks(w: World): void {
  const p = w.sc.mechanisms.M11;
  const rng = w.rng.bomb;
  for (let r = 0; r < w.nRegions; r++) {
    if (rng.random() < p.sparkRate) gather(w, r, -Math.log(1 - rng.random()) * p.sparkSize, p.sparkReach);
  }
}

/** A new explosion outside a crackdown: its actives are wanted, it is put down, a crackdown follows. */
function answer(w: World, r: number, actives: IdList): void {
  if (w.week <= w.crackdownUntil[r]) return;
  for (let c = 0; c < actives.size; c++) if (w.region[actives.ids[c]] === r) markWanted(w, actives.ids[c]);
  putDown(w, r, actives);
  requestCrackdown(w, r, w.week + 1);
}

/** Makes an active agent of a new explosion wanted, with the role its orientation suggests. */
function markWanted(w: World, i: number): void {
  if (w.flags[i] & WANTED) return;
  if (w.role[i] === NO_ROLE) w.role[i] = w.flags[i] & ORGANISER ? ORGANISER_ROLE : w.orient[i] === FOR_RADICAL ? ARMED : PEACEFUL;
  w.flags[i] |= WANTED;
  touch(w, i);
  w.wanted.push(i);
}
