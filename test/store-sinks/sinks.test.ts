import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Cell, Column } from '../../src/engine/model.js';
import type { RowSink } from '../../src/engine/recorder.js';
import { Rng } from '../../src/engine/random.js';
import { AtomicFile, CsvSink, JsonlSink, ParquetSink, sinkForFile } from '../../src/store/sinks/index.js';
import { UserError } from '../../src/scenario/errors.js';
import { tempDir } from '../scenario/helpers.js';

const columns: Column[] = [
  { name: 'step', type: 'int' },
  { name: 'active', type: 'int' },
  { name: 'share', type: 'float' },
  { name: 'label', type: 'string' },
];

/** Rows with awkward values: tiny and huge doubles, text needing quotes, empty text. */
function sampleRows(n: number, seed = 7): Cell[][] {
  const rng = new Rng(seed, 'rows');
  const labels = ['plain', 'with,comma', 'with "quote"', '', 'line\nbreak', ' padded '];
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const share = i % 5 === 0 ? rng.random() * 1e-12 : i % 7 === 0 ? rng.random() * 1e30 : rng.random();
    rows.push([i, rng.int(1000) - 500, share, labels[i % labels.length]]);
  }
  return rows;
}

async function writeAll(sink: RowSink, rows: readonly Cell[][]): Promise<void> {
  await sink.open(columns);
  for (const r of rows) await sink.write(r);
  await sink.close();
}

async function readParquet(file: string): Promise<{ rows: Cell[][]; types: string[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file}') ORDER BY step`);
  const rows = reader.getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)) as Cell[]);
  const types = reader.columnTypes().map((t) => t.toString());
  conn.closeSync();
  instance.closeSync();
  return { rows, types };
}

/** Minimal RFC 4180 reader for checking what the CSV sink wrote. */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), out.push(row), (row = []), (field = '');
    else field += c;
  }
  return out;
}

describe('file sinks', () => {
  const rows = sampleRows(500);

  it('CSV holds every value exactly: integers as integers, doubles round-trip, text quoted', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.csv');
    await writeAll(new CsvSink(file), rows);
    const text = readFileSync(file, 'utf8');
    const parsed = parseCsv(text);
    expect(parsed[0]).toEqual(['step', 'active', 'share', 'label']);
    expect(parsed.length).toBe(rows.length + 1);
    parsed.slice(1).forEach((r, i) => {
      expect(r[0]).toMatch(/^\d+$/);
      expect(Number(r[1])).toBe(rows[i][1]);
      expect(Number(r[2])).toBe(rows[i][2]);
      expect(r[3]).toBe(rows[i][3]);
    });
  });

  it('JSON Lines holds every value exactly, keys in column order, non-finite numbers as null', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.jsonl');
    const extra = [...rows, [500, 0, Infinity, 'x'], [501, 0, NaN, 'y']];
    await writeAll(new JsonlSink(file), extra);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(extra.length);
    lines.forEach((line, i) => {
      const obj = JSON.parse(line);
      expect(Object.keys(obj)).toEqual(['step', 'active', 'share', 'label']);
      const want = Number.isFinite(extra[i][2]) ? extra[i][2] : null;
      expect([obj.step, obj.active, obj.share, obj.label]).toEqual([extra[i][0], extra[i][1], want, extra[i][3]]);
    });
  });

  it('Parquet has typed columns and the same values, including awkward text and infinities', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.parquet');
    const extra: Cell[][] = [...rows, [500, 0, Infinity, 'inf'], [501, 0, -Infinity, 'neg']];
    await writeAll(new ParquetSink(file), extra);
    const { rows: back, types } = await readParquet(file);
    expect(types).toEqual(['BIGINT', 'BIGINT', 'DOUBLE', 'VARCHAR']);
    expect(back).toEqual(extra);
    expect(readdirSync(dir)).toEqual(['a.parquet']);
  });

  it('gives byte-identical files for the same rows, in every format', async () => {
    const dir = tempDir();
    for (const ext of ['csv', 'jsonl', 'parquet']) {
      const a = join(dir, `one.${ext}`);
      const b = join(dir, `two.${ext}`);
      await writeAll(sinkForFile(a), rows);
      await writeAll(sinkForFile(b), sampleRows(500));
      expect(readFileSync(a).equals(readFileSync(b)), ext).toBe(true);
      // and different rows really give different bytes
      const c = join(dir, `three.${ext}`);
      await writeAll(sinkForFile(c), sampleRows(500, 8));
      expect(readFileSync(a).equals(readFileSync(c)), ext).toBe(false);
    }
  });

  it('writes atomically: nothing under the final name until close, nothing left after abort', async () => {
    const dir = tempDir();
    for (const ext of ['csv', 'jsonl', 'parquet']) {
      const file = join(dir, `out.${ext}`);
      const sink = sinkForFile(file);
      await sink.open(columns);
      for (const r of rows) await sink.write(r);
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(dir).some((f) => f.startsWith(`out.${ext}.tmp-${process.pid}`))).toBe(true);
      await sink.abort!();
      expect(readdirSync(dir)).toEqual([]);
    }
    const file = join(dir, 'done.csv');
    await writeAll(sinkForFile(file), rows);
    expect(readdirSync(dir)).toEqual(['done.csv']);
  });

  it('streams: the bytes reach the disk while writing and memory stays flat', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const dir = tempDir();
    const file = join(dir, 'long.csv');
    const sink = new CsvSink(file);
    sink.open(columns);
    const row: Cell[] = [0, 0, 0, 'some label'];
    const write = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        row[0] = i;
        row[1] = i % 977;
        row[2] = i / 7;
        sink.write(row);
      }
    };
    write(0, 20_000);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const n = 600_000;
    write(20_000, n);
    gc();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const onDisk = statSync(`${file}.tmp-${process.pid}`).size;
    sink.close();
    const total = statSync(file).size;
    expect(total).toBeGreaterThan(20_000_000);
    // all but at most one buffer's worth was already on disk before close
    expect(total - onDisk).toBeLessThan(1 << 18);
    // holding the rows would take tens of megabytes; streaming keeps growth near zero
    expect(heapGrowth).toBeLessThan(4_000_000);
  });

  it('chooses the format by extension and rejects unknown ones before creating anything', () => {
    const dir = tempDir();
    expect(sinkForFile(join(dir, 'x.csv'))).toBeInstanceOf(CsvSink);
    expect(sinkForFile(join(dir, 'x.JSONL'))).toBeInstanceOf(JsonlSink);
    expect(sinkForFile(join(dir, 'x.parquet'))).toBeInstanceOf(ParquetSink);
    const bad = join(dir, 'x.txt');
    let err: unknown;
    try {
      sinkForFile(bad, '--out');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const [p] = (err as UserError).problems;
    expect(p.file).toBe(bad);
    expect(p.path).toBe('--out');
    expect(p.message).toContain('.csv');
    expect(() => sinkForFile(join(dir, 'missing-dir', 'x.csv'))).toThrow(/does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('turns a file that cannot be created into a UserError naming it', () => {
    const target = join(tempDir(), 'gone', 'x.csv');
    expect(() => new AtomicFile(target)).toThrow(UserError);
    expect(() => new AtomicFile(target)).toThrow(`${target}: cannot write this file: the directory does not exist`);
  });
});
