import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeStores } from '../../src/experiment/shard-merge.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { loadToy, runToy, tempDir } from '../experiment/helpers.js';
import { storeContents, toyKindFile } from './toy-kinds.js';

const merge = (out: string, inputs: string[]) => mergeStores(out, inputs, { load: loadToy });

async function shards(file: string, dir: string, n: number, name = 'shard'): Promise<string[]> {
  const dbs: string[] = [];
  for (let i = 0; i < n; i++) {
    const db = join(dir, `${name}-${i}.duckdb`);
    await runToy(file, db, { shard: { index: i, count: n } });
    dbs.push(db);
  }
  return dbs;
}

describe('--shard i/N and powderkeg merge', () => {
  for (const [kind, n] of [['ensemble', 2], ['sweep', 3], ['sensitivity', 2], ['backtest', 2], ['discovery', 2]] as const) {
    it(`${kind}: ${n} shards merged give the same store as one run, byte for byte`, async () => {
      const dir = tempDir(`pk-shard-${kind}-`);
      const file = toyKindFile(dir, kind);
      const whole = join(dir, 'whole.duckdb');
      const single = await runToy(file, whole);
      const parts = await shards(file, dir, n);
      // Each shard ran its own third of the runs, and no analyses.
      const sizes: number[] = [];
      for (const db of parts) {
        const s = await ExperimentStore.open(db);
        sizes.push(Number((await s.query('SELECT count(*) AS n FROM runs'))[0].n));
        expect(await s.tableNames()).toEqual(expect.arrayContaining(['runs', 'shard']));
        expect((await s.manifest()).status).toBe('incomplete');
        s.close();
      }
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(single.runs);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      const out = join(dir, 'merged.duckdb');
      const merged = await merge(out, parts);
      expect(merged).toMatchObject({ inputs: n, runs: single.runs, duplicates: 0 });
      const a = await storeContents(whole, join(dir, 'whole'));
      const b = await storeContents(out, join(dir, 'merged'));
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const table of Object.keys(a)) expect(b[table], table).toBe(a[table]);
      expect(readdirSync(dir).filter((f) => f.includes('merging'))).toEqual([]);
    }, 30_000);
  }

  it('refuses a calibration: its runs cannot be split in advance', async () => {
    const dir = tempDir('pk-shard-cal-');
    const file = toyKindFile(dir, 'calibration');
    await expect(runToy(file, join(dir, 's.duckdb'), { shard: { index: 0, count: 2 } })).rejects.toThrow(/--shard: a calibration proposes each generation/);
    expect(existsSync(join(dir, 's.duckdb'))).toBe(false);
  });

  it('refuses a missing shard, stores of another experiment, and a duplicate run that disagrees; writes nothing', async () => {
    const dir = tempDir('pk-shard-bad-');
    const file = toyKindFile(dir, 'sweep');
    const parts = await shards(file, dir, 3);
    const out = join(dir, 'out.duckdb');
    await expect(merge(out, parts.slice(0, 2))).rejects.toThrow('shard 2/3 is missing');
    const other = await shards(toyKindFile(tempDir('pk-shard-other-'), 'discovery'), dir, 3, 'other');
    await expect(merge(out, [...parts, other[0]])).rejects.toThrow(/other-0\.duckdb: was made by another experiment \(experiment_hash differs\)/);
    // A copy of shard 1 whose one run says something else than the original.
    const bad = join(dir, 'tampered.duckdb');
    await runToy(file, bad, { shard: { index: 1, count: 3 } });
    const s = await ExperimentStore.open(bad);
    const [victim] = await s.query('SELECT run_id FROM runs ORDER BY run_id LIMIT 1');
    await s.connection.run(`UPDATE runs SET mean_level = mean_level + 1e-12 WHERE run_id = '${victim.run_id}'`);
    s.close();
    await expect(merge(out, [...parts, bad])).rejects.toThrow(new RegExp(`tampered\\.duckdb: run ${victim.run_id} is also in an earlier input but differs`));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('out'))).toEqual([]);
    // An identical copy of a shard is a duplicate that agrees: kept once.
    const twice = await merge(out, [...parts, join(dir, 'tampered-is-not-used.duckdb').replace('tampered-is-not-used', 'shard-1')]);
    expect(twice.duplicates).toBe(0);
  }, 30_000);

  it('refuses an unfinished shard and a shard store resumed as another shard', async () => {
    const dir = tempDir('pk-shard-resume-');
    const file = toyKindFile(dir, 'ensemble');
    const parts = await shards(file, dir, 2);
    const s = await ExperimentStore.open(parts[0]);
    await s.connection.run('UPDATE shard SET complete = false');
    s.close();
    await expect(merge(join(dir, 'o.duckdb'), parts)).rejects.toThrow('shard 0/2 has not finished its runs; run it again with the same --shard and --resume');
    await expect(runToy(file, parts[0], { resume: true, shard: { index: 1, count: 2 } })).rejects.toThrow('this store holds shard 0/2, not shard 1/2');
    await expect(runToy(file, parts[0], { resume: true })).rejects.toThrow('this store holds shard 0/2, not a whole experiment');
    const resumed = await runToy(file, parts[0], { resume: true, shard: { index: 0, count: 2 } });
    expect(resumed).toMatchObject({ runs: 4, ran: 0, skipped: 4 });
    expect((await merge(join(dir, 'o.duckdb'), parts)).runs).toBe(8);
  }, 30_000);
});
