import { z } from 'zod';
import { nonneg, prob } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { DIRECT, FOR_PEACEFUL, FOR_RADICAL, INDIRECT, NEUTRAL, ORGANISER, PREACHER, UNAFFILIATED, touch, type World } from '../state.js';
import type { Rng } from '../../../engine/random.js';

/** M9's parameters, under `mechanisms.M9` of a scenario. */
export const params = z
  .strictObject({
    peacefulRate: prob(0.02, 'weekly chance a protest-minded harmed or tied agent commits to peaceful protest'),
    radicalTieRate: prob(0.004, 'weekly chance of radicalising per tie to a released sect member or radical organiser'),
    radicalHarmRate: prob(0.001, 'weekly chance a directly harmed, protest-minded agent radicalises'),
    leaveRate: prob(0.01, 'weekly chance a committed agent who is no longer protest-minded leaves'),
    disengageRate: prob(0.004, 'weekly chance a committed agent (peaceful or radical) leaves its army whatever its grievance and ties (disengagement)', {
      unit: 'share per week',
      source:
        'sourced, rounded: NIJ/START 2022 (exit from extremism can be fast or take a decade or longer), Barrelle 2015 (most eventually move on), Corrigall-Brown 2012 (sustained protest participation is the exception); 0.004 is about five years on average',
    }),
    harmFloor: nonneg(0.0025, 'harm-driven grievance an agent must still carry to count as harmed when it commits', {
      unit: 'grievance',
      source: 'assumed: half of what a harmed friend adds (M4 harmTie x friendWeight), so a harmed friend counts for one M4 half-life and a detention for about four',
    }),
    radicalRiskDiscount: prob(0.5, 'share of the arrest risk a radical ignores (N = R P (1 - d))', {
      unit: 'share',
      source: 'assumed; direction from Lichbach 1987 (repression deters non-violent dissent more than violent)',
    }),
  })
  .prefault({});

/**
 * M9 armies: a protest-minded agent who was harmed, or whose ties were, and still carries the
 * grievance of it (harm is remembered as long as its grievance lasts, M4's half-life), may
 * commit to peaceful protest; ties to released sect members and radical organisers, and harm,
 * pull toward radical action. Committed agents who stop being protest-minded drift away. Radicals discount part of
 * the arrest risk.
 */
export const m9: MechanismOf<'M9', typeof params> = {
  id: 'M9',
  name: 'armies',
  description: 'orientation none/peaceful/radical, moved by grievance, harm, and ties to released sect members',
  params,
  on: {
    orient: (w, i, minded) => orient(w, i, minded, w.rng.sweep),
    sectReleased: becomePreacher,
  },
  // Without orientation or radical ties, orient draws only for the protest-minded.
  quiet: (w, i) => w.orient[i] === NEUTRAL && w.radicalTies[i] === 0,
  weights: (sc) => ({ radicalRiskDiscount: sc.mechanisms.M9.radicalRiskDiscount }),
};

export function orient(w: World, i: number, protestMinded: boolean, rng: Rng): void {
  const p = w.sc.mechanisms.M9;
  const o = w.orient[i];
  // Commitment wears off whatever keeps it up: without this, a protest-minded member harmed once
  // would stay for ever, and an army could only fill up (a population without births or deaths).
  if (o !== NEUTRAL && p.disengageRate > 0 && rng.random() < p.disengageRate) {
    w.orient[i] = NEUTRAL;
    if (w.affil[i] === PREACHER) stopPreaching(w, i);
    return;
  }
  // bonus is a float32 column: compare at its precision, so a grievance of exactly the floor counts.
  const harmed = w.bonus[i] >= Math.fround(p.harmFloor) ? w.flags[i] & (DIRECT | INDIRECT) : 0;
  if (o !== FOR_RADICAL) {
    const ties = w.radicalTies[i];
    let pr = ties > 0 ? 1 - Math.pow(1 - p.radicalTieRate, ties) : 0;
    if (protestMinded && harmed & DIRECT) pr += p.radicalHarmRate;
    if (pr > 0 && rng.random() < pr) {
      w.orient[i] = FOR_RADICAL;
      return;
    }
  }
  if (o === NEUTRAL) {
    if (protestMinded && (harmed || w.flags[i] & ORGANISER) && rng.random() < p.peacefulRate) w.orient[i] = FOR_PEACEFUL;
  } else if (!protestMinded && w.radicalTies[i] === 0 && rng.random() < p.leaveRate) {
    w.orient[i] = NEUTRAL;
    if (w.affil[i] === PREACHER) stopPreaching(w, i);
  }
}

/** A released sect member is radical and pulls its ties toward radical action while it stays so. */
function becomePreacher(w: World, i: number): void {
  w.orient[i] = FOR_RADICAL;
  w.affil[i] = PREACHER;
  const { offsets, targets } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    touch(w, j);
    if (w.radicalTies[j] < 255) w.radicalTies[j]++;
  }
}

/** A released sect member who gives up radical action no longer pulls its ties. */
function stopPreaching(w: World, i: number): void {
  w.affil[i] = UNAFFILIATED;
  const { offsets, targets } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    if (w.radicalTies[j] > 0) w.radicalTies[j]--;
  }
}
