import { FREE, stochasticRound, touch, type World } from '../state.js';

/**
 * A local trigger (a strike, a local abuse, a price rise in one town) gathers the people around
 * one resident, found by following ties outward (`reach` people), and each of them sees a crowd
 * of `size` extra actives that week. Whether it grows into an explosion depends on who is caught
 * up in it and on their ties. Interventions schedule triggers; mechanisms (M11) draw random ones.
 */
export interface ScheduledSpark {
  readonly region: number;
  readonly size: number;
  readonly reach: number;
}

/** A gathering around one resident of region r, breadth-first along ties. */
export function gather(w: World, r: number, size: number, reachPeople: number): void {
  const rng = w.rng.bomb;
  const want = Math.max(1, stochasticRound(reachPeople / w.scale, rng));
  const a = w.regionStart[r];
  const seed = a + rng.int(w.regionStart[r + 1] - a);
  const seen = new Set<number>([seed]);
  const queue = [seed];
  const { offsets, targets } = w.net;
  for (let q = 0; q < queue.length && seen.size < want; q++) {
    const i = queue[q];
    for (let e = offsets[i]; e < offsets[i + 1] && seen.size < want; e++) {
      const j = targets[e];
      if (seen.has(j)) continue;
      seen.add(j);
      queue.push(j);
    }
  }
  for (const j of seen) {
    if (w.status[j] !== FREE) continue;
    touch(w, j);
    w.localCrowd.set(j, Math.fround((w.localCrowd.get(j) ?? 0) + size));
  }
}

/** The gatherings last one week. */
export function disperseSparks(w: World): void {
  w.localCrowd.clear();
}
