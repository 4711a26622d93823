import { z } from 'zod';
import { prob, nonneg } from '../params.js';
import type { MechanismOf, Week } from '../mechanism.js';
import { householdEnd, touch, type World } from '../state.js';

/** M6's parameters, under `mechanisms.M6` of a scenario. */
export const params = z
  .strictObject({
    local: nonneg(0.1, 'legitimacy lost per harmed resident share of the region in a week', { unit: 'share per share' }),
    national: nonneg(0.3, 'legitimacy lost everywhere per harmed share of the country in a week', { unit: 'share per share' }),
    despotism: nonneg(0.004, 'weekly legitimacy erosion per share of the country under repression (prisoners, outcasts, listed)', { unit: 'share per share per week' }),
    tieLoss: nonneg(0.005, 'perceived legitimacy lost per harmed household tie', { unit: 'share' }),
    recovery: prob(0, 'weekly return toward the initial legitimacy', { unit: 'share per week' }),
  })
  .prefault({});

/**
 * M6 legitimacy: visible repression lowers the legitimacy agents perceive, in the region where
 * it happens and across the country, and in the eyes of the harmed's households; a standing
 * apparatus of repression (prisoners, outcasts, the list) erodes it every week, whoever
 * personifies the regime.
 */
export const m6: MechanismOf<'M6', typeof params> = {
  id: 'M6',
  name: 'legitimacy',
  description: 'visible repression lowers perceived legitimacy, through ties, in the region and nationally; standing repression erodes it',
  params,
  stages: {
    start: settleNorm,
    legitimacy: legitimacyWeek,
  },
  on: { harmed: householdsLoseFaith },
};

/** Prisoners of the wave, outcasts and listed now, in agents. */
export function repressionStock(w: World): number {
  const c = w.census;
  let stock = 0;
  for (let r = 0; r < w.nRegions; r++) stock += c.prisonersWave[r] + c.outcasts[r] + c.listed[r];
  return stock;
}

/**
 * Legitimacy at t0 already reflects the regime as it stood, so only repression beyond the norm
 * people were used to erodes it, and repression below the norm gives it back at the same rate:
 * without the wave the expected change is 0 and the stocks it drives stay level. The burn-in is
 * the regime as it stood, so nothing in it counts as beyond; its last five years are where the
 * norm is measured (what people were used to is the recent past, not the settling before it;
 * five years rather than one, because harm outside crackdowns is rare and a year's count noisy).
 */
export function legitimacyWeek(w: World, week: Week): void {
  const h = w.counters.harmWeek;
  const norm = w.repressionNorm;
  if (!week.calendar && w.week <= w.sc.burnIn - NORM_WEEKS) return;
  const stock = repressionStock(w);
  if (!week.calendar) {
    norm.stock += stock;
    for (let r = 0; r < w.nRegions; r++) norm.harm[r] += h[r];
    norm.weeks++;
    return;
  }
  const p = w.sc.mechanisms.M6;
  let harmed = 0;
  for (let r = 0; r < w.nRegions; r++) harmed += h[r] - norm.harm[r];
  const national = p.national * (harmed / w.n) + p.despotism * ((stock - norm.stock) / w.n);
  for (let r = 0; r < w.nRegions; r++) {
    const beyond = h[r] - norm.harm[r];
    const L = w.legitimacy[r] - p.local * (beyond / w.regionAgents[r]) - national + p.recovery * (w.legitimacy0[r] - w.legitimacy[r]);
    w.legitimacy[r] = L < 0 ? 0 : L > 1 ? 1 : L;
  }
}

/** The weeks before t0 over which the norm is measured. */
export const NORM_WEEKS = 260;

/** At t0 the burn-in's sums become weekly means; without a burn-in the norm is the t0 census and no harm. */
function settleNorm(w: World): void {
  const norm = w.repressionNorm;
  if (norm.weeks === 0) {
    norm.stock = repressionStock(w);
    return;
  }
  norm.stock /= norm.weeks;
  for (let r = 0; r < w.nRegions; r++) norm.harm[r] /= norm.weeks;
  norm.weeks = 0;
}

function householdsLoseFaith(w: World, i: number): void {
  const tieLoss = w.sc.mechanisms.M6.tieLoss;
  if (!(tieLoss > 0)) return;
  const { offsets, targets } = w.net;
  for (let e = offsets[i], end = householdEnd(w, i); e < end; e++) {
    const j = targets[e];
    touch(w, j);
    w.legitimacyLoss[j] = Math.min(1, w.legitimacyLoss[j] + tieLoss);
  }
}
