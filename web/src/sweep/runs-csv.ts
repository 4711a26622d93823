import type { RunResult } from '../../../src/experiment/executor.js';
import { duckCell, duckText, type DuckType } from './duck-csv.js';

export interface RunsLayout {
  readonly factors: readonly { readonly name: string; readonly type: DuckType }[];
  readonly summaries: readonly string[];
}

/**
 * The runs of a sweep as the `runs` table of its store, exported with `powderkeg export --format
 * csv --table runs`: the same columns in the same order, sorted by row and replicate, except
 * `elapsed_ms`, a wall-clock measurement that differs from run to run (docs/distributed.md).
 */
export function runsCsv(results: readonly RunResult[], layout: RunsLayout): string {
  const columns: [string, DuckType, (r: RunResult) => unknown][] = [
    ['run_id', 'VARCHAR', (r) => r.runId],
    ['row', 'BIGINT', (r) => r.row],
    ['replicate', 'BIGINT', (r) => r.replicate],
    ['seed', 'BIGINT', (r) => r.seed],
    ['status', 'VARCHAR', (r) => r.status],
    ['error', 'VARCHAR', (r) => r.error],
    ...layout.factors.map((f): [string, DuckType, (r: RunResult) => unknown] => [f.name, f.type, (r) => r.params[f.name]]),
    ...layout.summaries.map((name, i): [string, DuckType, (r: RunResult) => unknown] => [name, 'DOUBLE', (r) => r.summaries[i] ?? null]),
    ['steps', 'BIGINT', (r) => r.steps],
  ];
  const sorted = [...results].sort((a, b) => a.row - b.row || a.replicate - b.replicate);
  const lines = [columns.map(([name]) => duckText(name)).join(',')];
  for (const r of sorted) lines.push(columns.map(([, type, get]) => duckCell(get(r), type)).join(','));
  return `${lines.join('\n')}\n`;
}
