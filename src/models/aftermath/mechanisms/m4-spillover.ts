import { DEAD, DIRECT, HOUSEHOLD, INDIRECT, touch, type World } from '../state.js';

/**
 * M4 spillover (and the harm itself, M2): whoever is detained, stopped, convicted or killed
 * gains grievance; their household and friends gain some too, and the ties of those a little,
 * so "relatives and friends, the deceased and the arrested" all have a reason to resent.
 */
export function harm(w: World, i: number, grievance: number): void {
  touch(w, i);
  const r = w.region[i];
  const f = w.flags[i];
  if ((f & DIRECT) === 0) {
    w.flags[i] = f | DIRECT;
    w.counters.direct[r]++;
    if (f & INDIRECT) w.counters.indirect[r]--;
  }
  if (w.status[i] !== DEAD) w.bonus[i] = Math.min(1, w.bonus[i] + grievance);
  w.counters.harmWeek[r]++;
  spill(w, i);
}

function spill(w: World, i: number): void {
  const p = w.sc.mechanisms.M4;
  const tieLoss = w.on.M6 ? w.sc.mechanisms.M6.tieLoss : 0;
  if (!w.on.M4 && tieLoss === 0) return;
  const { offsets, targets, kinds } = w.net;
  for (let e = offsets[i]; e < offsets[i + 1]; e++) {
    const j = targets[e];
    const household = kinds[e] === HOUSEHOLD;
    if (tieLoss > 0 && household) {
      touch(w, j);
      w.legitimacyLoss[j] = Math.min(1, w.legitimacyLoss[j] + tieLoss);
    }
    if (!w.on.M4) continue;
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

/** Harm-driven grievance and lost legitimacy fade with a half-life (0: they never fade). */
export function fadeFactor(halfLife: number): number {
  return halfLife > 0 ? Math.pow(0.5, 1 / halfLife) : 1;
}
