import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/scenario/errors.js';
import { exportStore } from '../../src/store/export.js';
import { fixtures, runToy, tempDir } from '../experiment/helpers.js';

let db: string;
beforeAll(async () => {
  db = join(tempDir(), 'sweep.duckdb');
  await runToy(join(fixtures, 'toy-sweep.yaml'), db);
});

describe('exporting a store', () => {
  it('writes every table as CSV, runs sorted by row and replicate, no temporary files left', async () => {
    const out = join(tempDir(), 'csv');
    const files = await exportStore(db, { format: 'csv', outDir: out });
    expect(readdirSync(out).sort()).toEqual(['factors.csv', 'manifest.csv', 'model_meta.csv', 'runs.csv', 'scenario.csv', 'series.csv']);
    expect(files).toHaveLength(6);
    const runs = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
    expect(runs[0].split(',').slice(0, 8)).toEqual(['run_id', 'row', 'replicate', 'seed', 'status', 'error', 'rate', 'cells']);
    const keys = runs.slice(1).map((l) => l.split(',').slice(1, 3).map(Number));
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(keys).toHaveLength(30);
  });

  it('writes Parquet that reads back to the same rows', async () => {
    const out = join(tempDir(), 'pq');
    await exportStore(db, { format: 'parquet', tables: ['runs'], outDir: out });
    expect(readdirSync(out)).toEqual(['runs.parquet']);
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    await c.run(`ATTACH '${db}' AS src (READ_ONLY)`);
    const diff = await c.runAndReadAll(
      `SELECT count(*) FROM ((SELECT * FROM read_parquet('${join(out, 'runs.parquet')}')) EXCEPT ALL (SELECT * FROM src.runs))`,
    );
    const count = await c.runAndReadAll(`SELECT count(*) FROM read_parquet('${join(out, 'runs.parquet')}')`);
    c.closeSync();
    inst.closeSync();
    expect(Number(diff.getRowsJS()[0][0])).toBe(0);
    expect(Number(count.getRowsJS()[0][0])).toBe(30);
  });

  it('names an unknown table and writes nothing', async () => {
    const out = join(tempDir(), 'none');
    const err = await exportStore(db, { format: 'csv', tables: ['runs', 'sensitivty'], outDir: out }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('no table "sensitivty"');
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
  });
});
