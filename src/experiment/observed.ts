import type { Problem } from '../errors.js';

/** An observed series for a back-test: one row per (indicator, time). */
export interface Observation {
  readonly indicator: string;
  readonly time: number;
  readonly value: number;
}

/** Reads `indicator,time,value` CSV text; every bad line is a problem naming its line. */
export function parseObservedCsv(text: string, file: string): { rows: Observation[]; problems: Problem[] } {
  const lines = text.split(/\r?\n/);
  const problems: Problem[] = [];
  const rows: Observation[] = [];
  const header = (lines[0] ?? '').split(',').map((s) => s.trim().toLowerCase());
  if (header.join(',') !== 'indicator,time,value') {
    return { rows, problems: [{ file, path: 'line 1', message: `expected the header "indicator,time,value", found "${lines[0] ?? ''}"` }] };
  }
  const seen = new Set<string>();
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === '') return;
    const where = `line ${k + 2}`;
    const cells = line.split(',').map((s) => s.trim());
    if (cells.length !== 3) return problems.push({ file, path: where, message: `expected 3 values (indicator,time,value), found ${cells.length}` });
    const [indicator, t, v] = cells;
    const time = Number(t);
    const value = Number(v);
    if (t === '' || !Number.isInteger(time) || time < 0) return problems.push({ file, path: where, message: `time must be a whole step number, found "${t}"` });
    if (v === '' || !Number.isFinite(value)) return problems.push({ file, path: where, message: `value must be a number, found "${v}"` });
    const key = `${indicator}@${time}`;
    if (seen.has(key)) return problems.push({ file, path: where, message: `${indicator} at time ${time} is given twice` });
    seen.add(key);
    rows.push({ indicator, time, value });
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ file, message: 'no observations' });
  return { rows, problems };
}
