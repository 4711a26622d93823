import { readFileSync } from 'node:fs';
import type { Cell } from '../../src/engine/model.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { seriesCsv } from '../../web/src/csv.js';

/**
 * The series CSV a run gives in Node: the same scenario file, seed and steps, through the
 * CLI's parsing and the model's own `create`. The page's download must equal it byte for byte.
 */
export function referenceCsv(file: string, seed: number, steps: number, options: { set?: string[]; disable?: string[] } = {}): string {
  const valid = parseScenarioText(readFileSync(file, 'utf8'), file, { set: options.set });
  const model = valid.model.create(valid.scenario, seed, { disable: options.disable ?? [] });
  const rows: Cell[][] = [];
  const observe = () => {
    const row: Cell[] = new Array(model.columns.length);
    model.observe(row);
    rows.push(row);
  };
  observe();
  for (let s = 0; s < steps; s++) {
    model.step();
    observe();
  }
  return seriesCsv(model.columns, 0, rows);
}
