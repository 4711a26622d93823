import { createHash } from 'node:crypto';
import { deriveSeed } from '../engine/random.js';
import { canonicalJson } from '../scenario/canonical-json.js';
import type { ParameterRow } from './design-rows.js';
import type { RunTask } from './executor.js';

/**
 * A run's identity: its design row, its replicate and what it was run with. The same row with
 * other parameters (an edited experiment) is another run, never mistaken for a recorded one.
 */
export function runId(row: number, replicate: number, params: ParameterRow): string {
  const h = createHash('sha256').update(canonicalJson(params)).digest('hex').slice(0, 12);
  return `${row}-${replicate}-${h}`;
}

/** Tasks for design rows numbered from `firstRow`, every replicate of each; lazily, row by row. */
export function* tasksFor(rows: Iterable<ParameterRow>, replicates: number, experimentSeed: number, firstRow = 0): Generator<RunTask> {
  let row = firstRow;
  for (const params of rows) {
    for (let replicate = 0; replicate < replicates; replicate++) {
      yield { runId: runId(row, replicate, params), row, replicate, seed: deriveSeed(experimentSeed, row, replicate), params };
    }
    row++;
  }
}
