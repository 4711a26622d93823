import type { Cell, Column } from '../../src/engine/model.js';
import { formatCsvCell } from '../../src/store/sinks/format-cell.js';

/** The recorder puts the step first, as the CLI's CSV sink receives it. */
const STEP: Column = { name: 'step', type: 'int' };

function header(columns: readonly Column[]): string {
  return columns.map((c) => formatCsvCell(c.name, 'string')).join(',');
}

function line(cells: readonly Cell[], columns: readonly Column[]): string {
  return cells.map((v, i) => formatCsvCell(v, columns[i].type)).join(',');
}

/** A series as CSV text, byte for byte what `powderkeg run --out FILE.csv` writes: `step`, then the model's columns. */
export function seriesCsv(columns: readonly Column[], firstStep: number, rows: readonly (readonly Cell[])[]): string {
  const all = [STEP, ...columns];
  const lines = [header(all)];
  rows.forEach((row, i) => lines.push(line([firstStep + i, ...row], all)));
  return `${lines.join('\n')}\n`;
}

/** Grouped rows (e.g. per region) of each step, prefixed with the step like the CLI's grouped output. */
export function groupedCsv(columns: readonly Column[], firstStep: number, groups: readonly (readonly (readonly Cell[])[])[]): string {
  const all = [STEP, ...columns];
  const lines = [header(all)];
  groups.forEach((rows, i) => {
    for (const row of rows) lines.push(line([firstStep + i, ...row], all));
  });
  return `${lines.join('\n')}\n`;
}
