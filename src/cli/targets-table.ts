import type { TargetResult } from '../experiment/targets.js';
import { formatForHumans, printLine } from './output.js';

/**
 * The targets as a terminal table: role, mean, 90 % interval of the ensemble, observed range,
 * verdict (the range overlaps the interval).
 */
export function printTargetsTable(results: readonly TargetResult[], runs: number): void {
  const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : formatForHumans(Number(v.toPrecision(4))));
  const rows = results.map((t) => [
    t.id,
    t.role ?? 'calibration',
    fmt(t.mean),
    `${fmt(t.low)} .. ${fmt(t.high)}`,
    t.max === undefined ? `> ${fmt(t.min)}` : t.min === undefined ? `< ${fmt(t.max)}` : `${fmt(t.min)} .. ${fmt(t.max)}`,
    t.pass ? 'pass' : 'FAIL',
  ]);
  printAligned(['target', 'role', 'mean', `90% interval (${runs} runs)`, 'observed range', 'overlaps'], rows);
  for (const t of results) if (!t.pass) printLine(`${t.id}: ${t.measure}${t.claim ? ` (${t.claim})` : ''}`);
}

/** First column left-aligned, the others right-aligned. */
export function printAligned(head: readonly string[], rows: readonly string[][]): void {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('  ');
  printLine(line(head));
  for (const r of rows) printLine(line(r));
}
