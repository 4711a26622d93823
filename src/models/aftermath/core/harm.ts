import { ACTIVE, DEAD, DIRECT, INDIRECT, WANTED, touch, type World } from '../state.js';

/**
 * Harm (MODEL.md M2): whoever is detained, stopped, convicted or killed is directly affected
 * and gains grievance. Who else it reaches is for the mechanisms listening to `harmed` (M4, M6).
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
  for (const f of w.plan.on.harmed) f(w, i);
}

export function kill(w: World, i: number): void {
  stopActing(w, i);
  w.flags[i] &= ~WANTED;
  w.status[i] = DEAD;
  w.counters.killed[w.region[i]]++;
  harm(w, i, 0);
}

/** Taken out of the street (arrest, prison, death, exile): its ties see one active fewer. */
export function stopActing(w: World, i: number): void {
  if (w.flags[i] & ACTIVE) {
    w.flags[i] &= ~ACTIVE;
    w.activeChanged.push(~i);
  }
}

/** Harm-driven grievance and lost legitimacy fade with a half-life (0: they never fade). */
export function fadeFactor(halfLife: number): number {
  return halfLife > 0 ? Math.pow(0.5, 1 / halfLife) : 1;
}
