import type { Cell, Column } from '../../engine/model.js';
import { ACTIVE, CITIZEN, JAILED, type World } from './world.js';

/** One reported indicator: its column (name, type, unit) and how it is read from the world. */
interface Indicator extends Column {
  readonly of: (w: World) => number;
}

const quiet = (w: World) => w.nCitizens - w.nActive - w.nJailed;

const modelOne: readonly Indicator[] = [
  { name: 'quiet', type: 'int', unit: 'citizens', of: quiet },
  { name: 'active', type: 'int', unit: 'citizens', of: (w) => w.nActive },
  { name: 'jailed', type: 'int', unit: 'citizens', of: (w) => w.nJailed },
  { name: 'cops', type: 'int', unit: 'cops', of: (w) => w.nCops },
  { name: 'tension', type: 'float', unit: 'ratio', of: (w) => tension(w) },
  { name: 'legitimacy', type: 'float', unit: 'share', of: (w) => w.legitimacy },
];

const modelTwo: readonly Indicator[] = [
  { name: 'blue', type: 'int', unit: 'citizens', of: (w) => w.nBlue },
  { name: 'green', type: 'int', unit: 'citizens', of: (w) => w.nGreen },
  { name: 'active', type: 'int', unit: 'citizens', of: (w) => w.nActive },
  { name: 'jailed', type: 'int', unit: 'citizens', of: (w) => w.nJailed },
  /** Cumulative since the start. */
  { name: 'killed', type: 'int', unit: 'citizens', of: (w) => w.nKilled },
  { name: 'cops', type: 'int', unit: 'cops', of: (w) => w.nCops },
  { name: 'quiet', type: 'int', unit: 'citizens', of: quiet },
  { name: 'legitimacy', type: 'float', unit: 'share', of: (w) => w.legitimacy },
];

const asColumns = (list: readonly Indicator[]): readonly Column[] => list.map(({ name, type, unit }) => ({ name, type, unit }));

export const modelOneColumns = asColumns(modelOne);
export const modelTwoColumns = asColumns(modelTwo);

/**
 * Epstein's tension (Fig. 8): the mean grievance of free citizens times the quiet share of
 * free citizens, over their mean risk aversion. High when many aggrieved citizens are still
 * quiet; 0 when no citizen is free.
 */
export function tension(w: World): number {
  const { alive, highWater } = w.store;
  const { kind, state, riskAversion } = w;
  const fixed = w.rules.grievanceFixedAtSetup;
  const G = fixed ? w.fixedGrievance : w.hardship;
  // G = H (1 - L) f, as rules.ts' grievance, with the factor hoisted out of the loop but applied
  // in the same order per citizen, so the sums are the same doubles as citizen-by-citizen calls.
  const keep = 1 - w.legitimacy;
  const factor = w.thresholdFactor;
  let free = 0;
  let active = 0;
  let sumG = 0;
  let sumR = 0;
  // Branch-free: kind and state are scattered, so skipping would mispredict on every few
  // citizens; adding 0 leaves a sum of non-negative terms bit for bit unchanged.
  for (let id = 0; id < highWater; id++) {
    const counts = alive[id] === 1 && kind[id] === CITIZEN && state[id] !== JAILED ? 1 : 0;
    free += counts;
    active += state[id] === ACTIVE ? counts : 0;
    sumG += counts * (fixed ? G[id] : G[id] * keep * factor);
    sumR += counts * riskAversion[id];
  }
  const quiet = free - active;
  if (free === 0 || sumR === 0) return 0;
  return ((sumG / free) * (quiet / free)) / (sumR / free);
}

/** Fills one row in column order; the columns and the values come from the same list. */
export function observe(w: World, row: Cell[]): void {
  const list = w.variantTwo ? modelTwo : modelOne;
  for (let i = 0; i < list.length; i++) row[i] = list[i].of(w);
}
