import type { Cell, Column } from '../../src/engine/model.js';

/** RFC 4180 quoting: only fields that need it. Numbers keep JavaScript's shortest exact form. */
function field(value: Cell): string {
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A series as CSV text: a `step` column, then the model's columns, one line per row. */
export function seriesCsv(columns: readonly Column[], firstStep: number, rows: readonly (readonly Cell[])[]): string {
  const lines = [['step', ...columns.map((c) => c.name)].map(field).join(',')];
  rows.forEach((row, i) => lines.push([firstStep + i, ...row].map(field).join(',')));
  return `${lines.join('\n')}\n`;
}

/** Grouped rows (e.g. per region) of each step, prefixed with the step like the CLI's grouped output. */
export function groupedCsv(columns: readonly Column[], firstStep: number, groups: readonly (readonly (readonly Cell[])[])[]): string {
  const lines = [['step', ...columns.map((c) => c.name)].map(field).join(',')];
  groups.forEach((rows, i) => {
    for (const row of rows) lines.push([firstStep + i, ...row].map(field).join(','));
  });
  return `${lines.join('\n')}\n`;
}
