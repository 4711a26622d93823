import type { SteppableModel } from '../../engine/model.js';
import type { NetworkSample, Rgb, ViewAdapter } from '../view-adapter.js';
import type { AftermathModel } from './model.js';
import { ABROAD, ACTIVE, ADMIN, DEAD, DIRECT, INDIRECT, PRETRIAL, PRISON, householdEnd, type World } from './state.js';

/** What the network view colours a person by, most telling first. */
const STATES: readonly { state: string; rgb: Rgb }[] = [
  { state: 'active', rgb: [215, 50, 41] },
  { state: 'in custody', rgb: [73, 73, 73] },
  { state: 'in prison', rgb: [20, 20, 20] },
  { state: 'harmed', rgb: [230, 140, 20] },
  { state: 'affected', rgb: [240, 200, 90] },
  { state: 'abroad', rgb: [84, 160, 220] },
  { state: 'dead', rgb: [150, 60, 160] },
  { state: 'untouched', rgb: [160, 190, 150] },
];

function stateOf(w: World, i: number): string {
  const s = w.status[i];
  if (s === DEAD) return 'dead';
  if (s === ABROAD) return 'abroad';
  if (s === PRISON) return 'in prison';
  if (s === ADMIN || s === PRETRIAL) return 'in custody';
  const f = w.flags[i];
  if (f & ACTIVE) return 'active';
  if (f & DIRECT) return 'harmed';
  if (f & INDIRECT) return 'affected';
  return 'untouched';
}

/**
 * Household and friendship ties around a few people: the first ones repression touched directly
 * (else people spread evenly over the population), then their ties, breadth first, until `size`
 * people. A fixed rule over the current state, never a draw of the run's generator, so looking
 * at the network changes nothing.
 */
export function networkSample(model: AftermathModel, size: number): NetworkSample {
  const w = model.world;
  const { offsets, targets } = w.net;
  const seeds: number[] = [];
  const wanted = Math.max(1, Math.floor(size / 12));
  for (let i = 0; i < w.n && seeds.length < wanted; i++) if (w.flags[i] & DIRECT) seeds.push(i);
  for (let k = 0; seeds.length < wanted && k < wanted; k++) seeds.push(Math.floor((k * w.n) / wanted));
  const chosen = new Map<number, number>();
  const queue = [...new Set(seeds)];
  for (const s of queue) chosen.set(s, chosen.size);
  for (let q = 0; q < queue.length && chosen.size < size; q++) {
    const i = queue[q];
    for (let a = offsets[i]; a < offsets[i + 1] && chosen.size < size; a++) {
      const j = targets[a];
      if (chosen.has(j)) continue;
      chosen.set(j, chosen.size);
      queue.push(j);
    }
  }
  const nodes = [...chosen.keys()].map((i) => ({ id: i, group: String(w.sc.regions[w.region[i]]?.id ?? w.region[i]), state: stateOf(w, i) }));
  const edges: { a: number; b: number; kind: string }[] = [];
  for (const i of chosen.keys()) {
    const households = householdEnd(w, i);
    for (let a = offsets[i]; a < offsets[i + 1]; a++) {
      const j = targets[a];
      // Each tie once, between two people of the sample.
      if (j <= i || !chosen.has(j)) continue;
      edges.push({ a: i, b: j, kind: a < households ? 'household' : 'friend' });
    }
  }
  return { nodes, edges, states: STATES };
}

export const aftermathView: ViewAdapter = {
  network: (model: SteppableModel, size: number) => networkSample(model as AftermathModel, size),
};
