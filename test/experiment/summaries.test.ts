import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/experiment/schema.js';
import { createAccumulator } from '../../src/experiment/summaries.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { fixtures, runToy, tempDir } from './helpers.js';
import { writeExperiment } from '../fixtures/experiment-file.js';

/** The summaries of toy-sweep.yaml, recomputed the plain way from a run's stored series. */
function expected(level: number[], active: number[]) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = active.findIndex((a) => a > 15);
  let episodes = 0;
  active.forEach((a, i) => {
    if (a > 12 && !(i > 0 && active[i - 1] > 12)) episodes++;
  });
  return {
    max_active: Math.max(...active),
    mean_level: mean(level.slice(10)),
    final_level: level[level.length - 1],
    first_high: first < 0 ? null : first,
    episodes_high: episodes,
  };
}

describe('summaries of a sweep', () => {
  it('match the summaries recomputed from each run’s series, for every (row, replicate) with its own seed and parameters', async () => {
    const db = join(tempDir(), 'sweep.duckdb');
    const out = await runToy(join(fixtures, 'toy-sweep.yaml'), db);
    expect(out).toMatchObject({ runs: 30, ran: 30, failed: 0 });
    const store = await ExperimentStore.open(db);
    const runs = await store.query('SELECT * FROM runs ORDER BY "row", replicate');
    const series = await store.query('SELECT run_id, list(level ORDER BY step) AS level, list(active ORDER BY step) AS active FROM series GROUP BY run_id');
    store.close();
    const byRun = new Map(series.map((s) => [s.run_id, s]));
    // 5 levels of rate (range ends included) x 2 cell counts, last factor fastest, 3 replicates each.
    expect(runs.map((r) => [r.row, r.replicate, r.rate, r.cells]).slice(0, 7)).toEqual([
      [0, 0, -0.2, 10], [0, 1, -0.2, 10], [0, 2, -0.2, 10], [1, 0, -0.2, 30], [1, 1, -0.2, 30], [1, 2, -0.2, 30], [2, 0, -0.1, 10],
    ]);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(30);
    let sawPassage = 0;
    for (const r of runs) {
      const s = byRun.get(r.run_id)!;
      const level = (s.level as number[]).map(Number);
      const active = (s.active as unknown[]).map(Number);
      expect(level).toHaveLength(41);
      const e = expected(level, active);
      expect(r.max_active).toBe(e.max_active);
      expect(r.mean_level).toBeCloseTo(e.mean_level, 12);
      expect(r.final_level).toBe(e.final_level);
      expect(r.first_high).toBe(e.first_high);
      expect(r.episodes_high).toBe(e.episodes_high);
      if (e.first_high !== null) sawPassage++;
    }
    // The fixture is meant to exercise both outcomes of a first passage.
    expect(sawPassage).toBeGreaterThan(0);
    expect(sawPassage).toBeLessThan(30);
  });
});

describe('series thinning', () => {
  it('keeps every n-th step and the last one, while summaries still see every step', async () => {
    const dir = tempDir();
    const spec = (every: number) => ({
      kind: 'ensemble' as const,
      scenario: join(fixtures, 'toy.yaml'),
      replicates: 2,
      steps: 40,
      every,
      outputs: { summaries: [{ name: 'max_active', stat: 'max', indicator: 'active' }] },
    });
    const file = writeExperiment(dir, 'e.yaml', spec(7));
    const thin = join(dir, 'thin.duckdb');
    await runToy(file, thin);
    writeExperiment(dir, 'e.yaml', spec(1));
    const full = join(dir, 'full.duckdb');
    await runToy(file, full);
    const read = async (db: string) => {
      const store = await ExperimentStore.open(db);
      const steps = (await store.query('SELECT DISTINCT step FROM series ORDER BY step')).map((r) => r.step);
      const max = await store.query('SELECT max_active FROM runs ORDER BY replicate');
      const fullMax = await store.query('SELECT replicate, max(active) AS m FROM series GROUP BY replicate ORDER BY replicate');
      store.close();
      return { steps, max, fullMax };
    };
    const a = await read(thin);
    const b = await read(full);
    expect(a.steps).toEqual([0, 7, 14, 21, 28, 35, 40]);
    expect(a.max).toEqual(b.max);
    expect(b.max.map((r) => r.max_active)).toEqual(b.fullMax.map((r) => r.m));
  });
});

describe('a first passage after an opening event', () => {
  const passage = (series: number[], fields: { above?: number; below?: number; after?: number }) => {
    const acc = createAccumulator({ name: 'p', stat: 'first_passage', indicator: 'x', ...fields } as Summary, 0);
    series.forEach((v, step) => acc.push(step, v));
    return acc.result(series.length - 1);
  };
  it('counts only rises beyond the value at `after`, so a wave of several events is not the next one', () => {
    // A cumulative count: the opening wave sets off 3 events by step 2; the next comes at step 7.
    const explosions = [0, 2, 3, 3, 3, 3, 3, 4, 4, 5];
    expect(passage(explosions, { above: 1 })).toBe(1);
    expect(passage(explosions, { above: 0, after: 4 })).toBe(7);
    expect(passage(explosions, { above: 1, after: 4 })).toBe(9);
    expect(passage([0, 2, 3, 3, 3], { above: 0, after: 2 })).toBeNull();
    expect(passage([5, 5, 4, 2], { below: -2, after: 1 })).toBe(3);
    expect(passage([0, 1], { above: 0, after: 5 })).toBeNull();
  });
});
