import { randomBelow } from '../../engine/random-below.js';
import { grievance } from './rules.js';
import { ACTIVE, BLUE, CITIZEN, COP, GREEN, QUIET, type World } from './world.js';

/**
 * Initial population: citizens with hardship H ~ U(0,1) and risk aversion R ~ U(0,1), all
 * quiet, and cops, on distinct random cells. Model II splits citizens into two halves and
 * draws ages from 0..max.
 */
export function populate(w: World): void {
  const cells = w.cells;
  if (w.rules.setupCounts === 'per-cell') {
    // Mesa: each cell in turn becomes a cop, a citizen or stays empty.
    const cops = w.copDensity;
    const both = cops + w.citizenDensity;
    let n = 0;
    for (let c = 0; c < cells; c++) {
      const u = w.rng.random();
      if (u < cops) addCop(w, c);
      else if (u < both) addCitizen(w, c, n++ % 2 === 0 ? BLUE : GREEN);
    }
    return;
  }
  const order = new Int32Array(cells);
  for (let c = 0; c < cells; c++) order[c] = c;
  w.rng.shuffle(order);
  const nCitizens = w.countFor(w.citizenDensity);
  const nCops = Math.min(w.countFor(w.copDensity), cells - nCitizens);
  // The first half of a shuffled placement is as random a half as any.
  const half = Math.ceil(nCitizens / 2);
  for (let i = 0; i < nCitizens; i++) addCitizen(w, order[i], i < half ? BLUE : GREEN);
  for (let j = 0; j < nCops; j++) addCop(w, order[nCitizens + j]);
}

export function addCitizen(w: World, cell: number, group: number, parent = -1): number {
  const id = w.newAgent();
  w.kind[id] = CITIZEN;
  if (parent < 0) {
    w.hardship[id] = w.rng.random();
    w.riskAversion[id] = w.rng.random();
    w.group[id] = group;
    w.state[id] = QUIET;
    if (w.variantTwo) w.age[id] = randomBelow(w.rng, w.maxAge + 1);
  } else {
    w.hardship[id] = w.hardship[parent];
    w.riskAversion[id] = w.riskAversion[parent];
    w.group[id] = w.group[parent];
    w.state[id] = w.state[parent];
    if (w.variantTwo) w.age[id] = 0;
  }
  if (w.rules.grievanceFixedAtSetup) w.fixedGrievance[id] = grievance(w.hardship[id], w.legitimacy, w.thresholdFactor);
  if (w.tight) w.staleQuietFrom();
  w.nCitizens++;
  if (w.group[id] === GREEN) w.nGreen++;
  else w.nBlue++;
  if (w.state[id] === ACTIVE) w.nActive++;
  w.place(id, cell);
  return id;
}

export function addCop(w: World, cell: number): number {
  const id = w.newAgent();
  w.kind[id] = COP;
  w.nCops++;
  w.place(id, cell);
  return id;
}

/** Brings the number of cops to what `density` gives: removes random cops or adds them on random empty cells. */
export function setCopCount(w: World, density: number): void {
  w.copDensity = density;
  const target = w.countFor(density);
  if (target === w.nCops) return;
  if (target < w.nCops) {
    const buf = w.scratchFor(w.store.highWater);
    let n = 0;
    for (let id = 0; id < w.store.highWater; id++) if (w.store.alive[id] === 1 && w.kind[id] === COP) buf[n++] = id;
    for (let removed = 0; removed < n - target; removed++) {
      const j = removed + randomBelow(w.rng, n - removed);
      const id = buf[j];
      buf[j] = buf[removed];
      w.kill(id);
    }
    return;
  }
  const buf = w.scratchFor(w.cells);
  let n = 0;
  for (let c = 0; c < w.cells; c++) if (w.occupants.isEmpty(c)) buf[n++] = c;
  const add = Math.min(target - w.nCops, n);
  for (let a = 0; a < add; a++) {
    const j = a + randomBelow(w.rng, n - a);
    const c = buf[j];
    buf[j] = buf[a];
    addCop(w, c);
  }
}
