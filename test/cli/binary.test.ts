import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outburstStats } from '../../src/experiment/series/outbursts.js';
import { tempDir, writeScenario } from '../scenario/helpers.js';
import { ensureBuilt, powderkeg } from './built-binary.js';

// One file for all built-binary tests, so that two test processes never rebuild dist at once.
beforeAll(() => ensureBuilt());

describe('the built powderkeg binary', () => {
  it('prints help and version', () => {
    const help = powderkeg(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: powderkeg/);
    expect(help.stdout).toContain('validate');
    expect(powderkeg(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports bad input in one line, exit 2, no stack trace, no output file', () => {
    const dir = tempDir();
    const bad = writeScenario(dir, 'bad.yaml', 'model: x\n  grid: 1\n');
    for (const args of [['run', join(dir, 'nope.yaml'), '--out', join(dir, 'o.csv')], ['run', bad, '--out', join(dir, 'o.csv')], ['validate', bad]]) {
      const r = powderkeg(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/(nope|bad)\.yaml: /);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});


const RUN2 = 'scenarios/epstein/run2.yaml';

describe('the built binary on a real scenario', () => {
  it('gives byte-identical CSV, JSON Lines and Parquet for the same seed', () => {
    const dir = tempDir();
    for (const ext of ['csv', 'jsonl', 'parquet']) {
      const paths = ['a', 'b', 'c'].map((n) => join(dir, `${n}.${ext}`));
      const seeds = ['5', '5', '6'];
      paths.forEach((p, i) => {
        const r = powderkeg(['run', RUN2, '--steps', '150', '--seed', seeds[i], '--out', p]);
        expect(r.code, r.stderr).toBe(0);
      });
      const [a, b, c] = paths.map((p) => readFileSync(p));
      expect(a.equals(b), ext).toBe(true);
      expect(a.equals(c), ext).toBe(false);
    }
  });

  it('outbursts reads back what run wrote', () => {
    const dir = tempDir();
    const out = join(dir, 'run2.csv');
    const run = powderkeg(['run', RUN2, '--steps', '400', '--json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ model: 'civil-violence', seed: 1, steps: 400 });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const col = lines[0].split(',').indexOf('active');
    const active = lines.slice(1).map((l) => Number(l.split(',')[col]));
    const expected = outburstStats(active, 50);
    expect(expected.count).toBeGreaterThan(0);
    const r = powderkeg(['outbursts', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.count).toBe(expected.count);
    expect(s.activations).toEqual(expected.activations);
    expect(s.waits).toEqual(expected.waits);
  });
});

describe('the built binary on the aftermath scenario', () => {
  it('writes identical per-region Parquet for the same seed, one row per region and step', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const dir = tempDir();
    const files = ['a', 'b'].map((n) => join(dir, `${n}.parquet`));
    for (const f of files) {
      const r = powderkeg(['run', 'scenarios/kazakhstan-2022.yaml', '--steps', '3', '--disable', 'M7', '--out-regions', f]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readFileSync(files[0]).equals(readFileSync(files[1]))).toBe(true);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const [[rows, regions, steps]] = (
      await conn.runAndReadAll(`SELECT count(*), count(DISTINCT region), count(DISTINCT step) FROM read_parquet('${files[0]}')`)
    ).getRowsJS();
    conn.closeSync();
    db.closeSync();
    expect(Number(steps)).toBe(4);
    expect(Number(regions)).toBeGreaterThan(1);
    expect(Number(rows)).toBe(Number(regions) * 4);
  });
});
