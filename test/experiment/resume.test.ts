import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/runner.js';
import { UserError } from '../../src/scenario/errors.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { crashingAfter, fixtures, loadToy, runToy, tempDir, toyModule } from './helpers.js';

const SWEEP = join(fixtures, 'toy-sweep.yaml');

async function summaries(db: string) {
  const store = await ExperimentStore.open(db);
  const rows = await store.query('SELECT run_id, seed, rate, cells, max_active, mean_level, final_level, first_high, episodes_high FROM runs ORDER BY "row", replicate');
  const series = await store.query('SELECT count(*) AS n, count(DISTINCT run_id) AS runs FROM series');
  const status = (await store.manifest()).status;
  store.close();
  return { rows, series, status };
}


describe('resuming an experiment', () => {
  it('refuses an existing store without --resume, naming both ways out', async () => {
    const db = join(tempDir(), 'x.duckdb');
    await runToy(SWEEP, db);
    const err = await runToy(SWEEP, db).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('--resume');
    expect(err.message).toContain('--db');
  });

  it('after a crash, runs only what is missing and ends with the same results as an uninterrupted run', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.duckdb');
    const broken = join(dir, 'broken.duckdb');
    await runToy(SWEEP, whole);
    const crash = await runExperiment(loadToy(SWEEP), { db: broken, executor: crashingAfter(13), model: toyModule, batchSize: 4 }).catch((e) => e);
    expect(crash.message).toBe('simulated crash');
    const partial = await summaries(broken);
    expect(partial.status).toBe('incomplete');
    // Committed in batches of 4: the 13th result was never handed over, so 12 were stored.
    expect(partial.rows).toHaveLength(12);

    const resumed = await runToy(SWEEP, broken, { resume: true });
    expect(resumed).toMatchObject({ runs: 30, skipped: 12, ran: 18, failed: 0 });
    const a = await summaries(whole);
    const b = await summaries(broken);
    expect(b.status).toBe('complete');
    expect(b.rows).toEqual(a.rows);
    expect(b.series).toEqual([{ n: 30 * 41, runs: 30 }]);
    expect(a.series).toEqual(b.series);

    const again = await runToy(SWEEP, broken, { resume: true });
    expect(again).toMatchObject({ runs: 30, skipped: 30, ran: 0 });
  });

  it('refuses to resume a store made by a different experiment', async () => {
    const db = join(tempDir(), 'x.duckdb');
    await runToy(join(fixtures, 'toy-ensemble.yaml'), db);
    const err = await runToy(SWEEP, db, { resume: true }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain('different experiment');
  });

  it('resumes a calibration: the same candidates are proposed again and found recorded', async () => {
    const file = join(fixtures, 'toy-calibration.yaml');
    const dir = tempDir();
    const whole = join(dir, 'whole.duckdb');
    const broken = join(dir, 'broken.duckdb');
    const full = await runToy(file, whole);
    const crash = await runExperiment(loadToy(file), { db: broken, executor: crashingAfter(20), model: toyModule, batchSize: 1 }).catch((e) => e);
    expect(crash.message).toBe('simulated crash');
    const resumed = await runToy(file, broken, { resume: true });
    expect(resumed).toMatchObject({ runs: full.runs, skipped: 20, ran: full.runs - 20 });
    const read = async (db: string) => {
      const store = await ExperimentStore.open(db);
      const posterior = await store.query('SELECT * FROM posterior ORDER BY generation, particle');
      const runs = await store.query('SELECT run_id, rate, mean_level FROM runs ORDER BY "row"');
      store.close();
      return { posterior, runs };
    };
    expect(await read(broken)).toEqual(await read(whole));
  });

  it('leaves no store behind when the workers cannot start', async () => {
    const db = join(tempDir(), 'never.duckdb');
    const err = await runExperiment(loadToy(SWEEP), {
      db,
      executor: () => {
        throw new Error('the experiment worker is not built');
      },
    }).catch((e) => e);
    expect(err.message).toBe('the experiment worker is not built');
    expect(existsSync(db)).toBe(false);
    expect(existsSync(`${db}.wal`)).toBe(false);
  });
});

