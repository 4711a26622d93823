import { readFileSync, statSync } from 'node:fs';
import { UserError, type Problem } from '../../errors.js';
import { parseCsvRecords } from './csv.js';

/**
 * Observed figures with their uncertainty: the CSV `indicator,time,value,low,high,note` shared by
 * the calibration data and the back-test files. `time` is an ISO date (or, for a model without a
 * calendar, a whole step number); [low, high] is the range the sources allow.
 */
export interface ObservedFigure {
  /** Line of the file where the record starts (1 = the header). */
  readonly line: number;
  readonly indicator: string;
  /** As written: an ISO date or a step number. */
  readonly time: string;
  /** ISO date, when `time` is one. */
  readonly date?: string;
  /** Step number, when `time` is one. */
  readonly step?: number;
  /** The point figure; the middle of [low, high] when the file gives only the range. */
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly note: string;
}

export const OBSERVED_COLUMNS = ['indicator', 'time', 'value', 'low', 'high', 'note'] as const;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STEP = /^\d+$/;

/** A valid calendar date in YYYY-MM-DD form (2022-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Reads an observed file; any problem (unreadable, not UTF-8, a bad line) throws a UserError naming the line. */
export function readObservedFile(file: string): ObservedFigure[] {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new UserError({ file, message: 'this is a directory, not a file; give the CSV file itself' });
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : `cannot read the file (${(err as Error).message})`;
    throw new UserError({ file, message });
  }
  const text = decodeUtf8(bytes, file);
  const { figures, problems } = parseObservedText(text, file);
  if (problems.length > 0) throw new UserError(problems);
  return figures;
}

/** UTF-8 or a clear error at the first line that is not (a spreadsheet's Latin-1 export, say). */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          decoder.decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new UserError({ file, path: `line ${line}`, message: 'the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in a spreadsheet)' });
  }
}

/** Parses the text of an observed file; every bad line is a problem, all reported at once. */
export function parseObservedText(text: string, file: string): { figures: ObservedFigure[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const figures: ObservedFigure[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return { figures, problems: [{ file, path: 'line 1', message: `the file is empty; expected the header "${OBSERVED_COLUMNS.join(',')}" and one figure per line` }] };
  const { records, problems: csvProblems } = parseCsvRecords(body);
  for (const p of csvProblems) problems.push({ file, path: `line ${p.line}`, message: p.message });
  const [header, ...rows] = records;
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => index.set(n, i));
  const absent = OBSERVED_COLUMNS.filter((c) => !index.has(c));
  if (absent.length > 0) {
    problems.push({ file, path: `line ${header.line}`, message: `missing column${absent.length > 1 ? 's' : ''} ${absent.map((c) => `"${c}"`).join(', ')}; the header must name ${OBSERVED_COLUMNS.join(',')}` });
    return { figures, problems };
  }
  const seen = new Map<string, number>();
  for (const rec of rows) {
    if (rec.cells.every((c) => c.trim() === '')) continue;
    const at = (message: string) => problems.push({ file, path: `line ${rec.line}`, message });
    const cell = (name: (typeof OBSERVED_COLUMNS)[number]) => (rec.cells[index.get(name)!] ?? '').trim();
    if (rec.cells.length < names.length) {
      at(`expected ${names.length} values (${names.join(',')}), found ${rec.cells.length}; quote a note that holds commas`);
      continue;
    }
    const indicator = cell('indicator');
    const time = cell('time');
    if (indicator === '') {
      at('indicator is empty');
      continue;
    }
    let date: string | undefined;
    let step: number | undefined;
    if (isIsoDate(time)) date = time;
    else if (STEP.test(time)) step = Number(time);
    else {
      at(`time must be an ISO date such as 2023-06-30, found "${time}"`);
      continue;
    }
    const nums: Record<'value' | 'low' | 'high', number | undefined> = { value: undefined, low: undefined, high: undefined };
    let bad = false;
    for (const name of ['value', 'low', 'high'] as const) {
      const s = cell(name);
      if (s === '') continue;
      if (!NUMBER.test(s) || !Number.isFinite(Number(s))) {
        at(`${name} must be a plain number (no thousands separators), found "${s}"`);
        bad = true;
      } else nums[name] = Number(s);
    }
    if (bad) continue;
    let { value, low, high } = nums;
    if (value === undefined) {
      if (low === undefined || high === undefined) {
        at('give a value, or both low and high');
        continue;
      }
      value = (low + high) / 2;
    }
    low ??= value;
    high ??= value;
    if (low > high) {
      at(`low (${low}) is above high (${high})`);
      continue;
    }
    if (value < low || value > high) {
      at(`value ${value} lies outside [low, high] = [${low}, ${high}]`);
      continue;
    }
    const key = `${indicator}@${time}`;
    if (seen.has(key)) {
      at(`${indicator} at ${time} is already given on line ${seen.get(key)}; keep one figure per indicator and date`);
      continue;
    }
    seen.set(key, rec.line);
    figures.push({ line: rec.line, indicator, time, date, step, value, low, high, note: cell('note') });
  }
  if (figures.length === 0 && problems.length === 0) problems.push({ file, path: `line ${header.line + 1}`, message: 'no figures: the file has a header but no data lines' });
  return { figures, problems };
}
