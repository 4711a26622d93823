import type { Cell, ColumnType } from '../../engine/model.js';

/**
 * Text of a number in an output file. ECMAScript fixes `String(x)` as the shortest text that
 * reads back as exactly the same double, so output is byte-identical on every run and machine
 * and loses nothing. Integer columns print integers without a decimal point.
 * Non-finite values have no JSON form; CSV uses the spellings DuckDB and most readers accept.
 */
export function formatCsvNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return 'nan';
  return value > 0 ? 'inf' : '-inf';
}

export function formatJsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

const NEEDS_QUOTES = /[",\n\r]|^\s|\s$|^$/;

/** One CSV field (RFC 4180): quoted when it holds a separator, a quote, a line break or is empty. */
export function formatCsvCell(value: Cell, type: ColumnType): string {
  if (typeof value === 'number' && type !== 'string') return formatCsvNumber(value);
  const text = typeof value === 'number' ? formatCsvNumber(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatJsonCell(value: Cell, type: ColumnType): string {
  if (typeof value === 'number' && type !== 'string') return formatJsonNumber(value);
  return JSON.stringify(typeof value === 'number' ? String(value) : value);
}
