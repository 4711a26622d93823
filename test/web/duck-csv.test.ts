import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { duckDouble, duckText } from '../../web/src/sweep/duck-csv.js';

/** What DuckDB's CSV writer (the one `powderkeg export` uses) prints for doubles and text. */
async function duckCsv(doubles: readonly number[], texts: readonly (string | null)[]): Promise<{ v: string[]; s: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pk-duckcsv-'));
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run('CREATE TABLE t (i INTEGER, v DOUBLE, s VARCHAR)');
    const a = await c.createAppender('t');
    const n = Math.max(doubles.length, texts.length);
    for (let i = 0; i < n; i++) {
      a.appendInteger(i);
      if (i < doubles.length) a.appendDouble(doubles[i]);
      else a.appendNull();
      const s = texts[i];
      if (s === undefined || s === null) a.appendNull();
      else a.appendVarchar(s);
      a.endRow();
    }
    a.flushSync();
    a.closeSync();
    const v = join(dir, 'v.csv');
    const s = join(dir, 's.csv');
    await c.run(`COPY (SELECT v FROM t ORDER BY i) TO '${v}' (FORMAT csv, HEADER false)`);
    await c.run(`COPY (SELECT s FROM t ORDER BY i) TO '${s}' (FORMAT csv, HEADER false)`);
    return { v: readFileSync(v, 'utf8').split('\n').slice(0, doubles.length), s: readFileSync(s, 'utf8') };
  } finally {
    c.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the browser sweep writes cells as powderkeg export does', () => {
  test('doubles: shortest digits, exponents below 1e-4 and from 1e16, .0 on whole numbers, as DuckDB prints them', async () => {
    const rng = new Rng(42, 'duck-csv');
    const edge = [0, -0, 1, -1, 10, 1e15, 1e16, 9007199254740993, 1e21, 0.1, 1e-4, 9.99e-5, 1e-5, 5e-324, 1.7976931348623157e308, 1 / 3, 0.7999999999999999, NaN, Infinity, -Infinity, 123456.789, 40, 57];
    // Random doubles over many magnitudes, and whole numbers (steps, counts) stored as doubles.
    const random = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? Math.round(rng.random() * 1e6) : (rng.random() - 0.5) * 10 ** Math.floor(rng.random() * 40 - 20)));
    const values = [...edge, ...random];
    const { v } = await duckCsv(values, []);
    expect(values.map(duckDouble)).toEqual(v);
  });

  test('text: quoted only with a comma, a quote or a line break; the empty string as ""; null as nothing', async () => {
    const texts = ['ok', 'Error: a, b', 'say "hi"', 'two\nlines', '', null, ' padded ', 'x;y'];
    const { s } = await duckCsv([], texts);
    expect(texts.map((t) => `${duckText(t)}\n`).join('')).toBe(s);
  });
});
