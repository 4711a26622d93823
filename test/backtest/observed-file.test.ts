import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObservedText, readObservedFile } from '../../src/experiment/backtest/index.js';
import { UserError } from '../../src/scenario/errors.js';

const HEADER = 'indicator,time,value,low,high,note';
const dir = mkdtempSync(join(tmpdir(), 'pk-observed-'));

function problemsOf(text: string): string[] {
  return parseObservedText(text, 'f.csv').problems.map((p) => `${p.path}: ${p.message}`);
}

function errorOf(write: (file: string) => void): string {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  write(file);
  try {
    readObservedFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).message;
  }
  throw new Error('expected the file to be refused');
}

describe('observed figures file', () => {
  it('reads quoted notes with commas, ranges without a value, and a value without a range', () => {
    const { figures, problems } = parseObservedText(
      `${HEADER}\ndetained,2022-01-12,,10000,12000,"10,000 to 12,000; wire ""services"""\r\nkilled,2022-01-16,225,,,TASS\n`,
      'f.csv',
    );
    expect(problems).toEqual([]);
    expect(figures).toMatchObject([
      { line: 2, indicator: 'detained', date: '2022-01-12', value: 11000, low: 10000, high: 12000, note: '10,000 to 12,000; wire "services"' },
      { line: 3, indicator: 'killed', value: 225, low: 225, high: 225, note: 'TASS' },
    ]);
  });

  it('accepts the columns in any order', () => {
    const { figures } = parseObservedText('note,high,low,value,time,indicator\nx,3,1,2,2023-01-01,a\n', 'f.csv');
    expect(figures[0]).toMatchObject({ indicator: 'a', value: 2, low: 1, high: 3 });
  });

  it('names the line and the reason of each bad line, all at once', () => {
    const problems = problemsOf(
      [HEADER, 'a,2023-02-30,1,,,', 'a,31/12/2023,1,,,', 'b,2023-01-01,1e3x,,,', 'c,2023-01-01,5,7,6,', 'd,2023-01-01,9,1,3,', 'e,2023-01-01,1,,', 'f,2023-01-01,"1,000",,,'].join('\n'),
    );
    expect(problems).toEqual([
      'line 2: time must be an ISO date such as 2023-06-30, found "2023-02-30"',
      'line 3: time must be an ISO date such as 2023-06-30, found "31/12/2023"',
      'line 4: value must be a plain number (no thousands separators), found "1e3x"',
      'line 5: low (7) is above high (6)',
      'line 6: value 9 lies outside [low, high] = [1, 3]',
      expect.stringMatching(/^line 7: expected 6 values/),
      'line 8: value must be a plain number (no thousands separators), found "1,000"',
    ]);
  });

  it('refuses a missing column, an empty file, a header without figures and a duplicate', () => {
    expect(problemsOf('indicator,time,value,low,note\na,2023-01-01,1,1,x')).toEqual([
      'line 1: missing column "high"; the header must name indicator,time,value,low,high,note',
    ]);
    expect(problemsOf('')[0]).toMatch(/^line 1: the file is empty/);
    expect(problemsOf(`${HEADER}\n\n`)[0]).toMatch(/^line 2: no figures/);
    expect(problemsOf(`${HEADER}\na,2023-01-01,1,,,\na,2023-01-01,2,,,`)).toEqual([
      'line 3: a at 2023-01-01 is already given on line 2; keep one figure per indicator and date',
    ]);
    expect(problemsOf(`${HEADER}\na,2023-01-01,1,,,"never closed`)[0]).toMatch(/^line 2: a quoted field is never closed/);
  });

  it('refuses a directory, a missing file and bytes that are not UTF-8, naming the line', () => {
    expect(errorOf((f) => writeFileSync(f, ''))).toMatch(/line 1: the file is empty/);
    const sub = join(dir, 'sub');
    expect(() => readObservedFile(dir)).toThrow(/this is a directory, not a file/);
    expect(() => readObservedFile(sub)).toThrow(/file not found/);
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\na,2023-01-01,1,,,ok\nb,2023-01-01,1,,,caf`), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(errorOf((f) => writeFileSync(f, latin1))).toMatch(/: line 3: the file is not UTF-8 text/);
  });

  it('skips a UTF-8 byte-order mark', () => {
    expect(parseObservedText(`\uFEFF${HEADER}\na,2023-01-01,1,,,`, 'f.csv').figures).toHaveLength(1);
  });
});
