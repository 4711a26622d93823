import type { Cell, Column } from '../../engine/model.js';
import { ACTIVE, CITIZEN, JAILED, type World } from './world.js';

export const modelOneColumns: readonly Column[] = [
  { name: 'quiet', type: 'int', unit: 'citizens' },
  { name: 'active', type: 'int', unit: 'citizens' },
  { name: 'jailed', type: 'int', unit: 'citizens' },
  { name: 'cops', type: 'int', unit: 'cops' },
  { name: 'tension', type: 'float', unit: 'ratio' },
  { name: 'legitimacy', type: 'float', unit: 'share' },
];

export const modelTwoColumns: readonly Column[] = [
  { name: 'blue', type: 'int', unit: 'citizens' },
  { name: 'green', type: 'int', unit: 'citizens' },
  { name: 'active', type: 'int', unit: 'citizens' },
  { name: 'jailed', type: 'int', unit: 'citizens' },
  /** Cumulative since the start. */
  { name: 'killed', type: 'int', unit: 'citizens' },
  { name: 'cops', type: 'int', unit: 'cops' },
  { name: 'quiet', type: 'int', unit: 'citizens' },
  { name: 'legitimacy', type: 'float', unit: 'share' },
];

/**
 * Epstein's tension (Fig. 8): the mean grievance of free citizens times the quiet share of
 * free citizens, over their mean risk aversion. High when many aggrieved citizens are still
 * quiet; 0 when no citizen is free.
 */
export function tension(w: World): number {
  let free = 0;
  let quiet = 0;
  let sumG = 0;
  let sumR = 0;
  const { alive, highWater } = w.store;
  for (let id = 0; id < highWater; id++) {
    if (alive[id] !== 1 || w.kind[id] !== CITIZEN || w.state[id] === JAILED) continue;
    free++;
    if (w.state[id] !== ACTIVE) quiet++;
    sumG += w.grievance(id);
    sumR += w.riskAversion[id];
  }
  if (free === 0 || sumR === 0) return 0;
  return ((sumG / free) * (quiet / free)) / (sumR / free);
}

export function observe(w: World, row: Cell[]): void {
  const quiet = w.nCitizens - w.nActive - w.nJailed;
  if (!w.variantTwo) {
    row[0] = quiet;
    row[1] = w.nActive;
    row[2] = w.nJailed;
    row[3] = w.nCops;
    row[4] = tension(w);
    row[5] = w.legitimacy;
    return;
  }
  row[0] = w.nBlue;
  row[1] = w.nGreen;
  row[2] = w.nActive;
  row[3] = w.nJailed;
  row[4] = w.nKilled;
  row[5] = w.nCops;
  row[6] = quiet;
  row[7] = w.legitimacy;
}
