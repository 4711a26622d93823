import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outburstStats } from '../../src/experiment/series/outbursts.js';
import { tempDir } from '../scenario/helpers.js';
import { ensureBuilt, powderkeg } from './built-binary.js';

beforeAll(() => ensureBuilt());

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
