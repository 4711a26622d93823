import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { fixtures, runToy, tempDir } from './helpers.js';

/**
 * Each kind end to end on the toy model. With `noise: 0` the toy's level is deterministic,
 * level(t) = t * rate, so mean_level over steps 10..40 is exactly 25 * rate and does not depend
 * on cells at all: the analyses have known answers.
 */
async function run(yaml: string) {
  const dir = tempDir('pk-kind-');
  const file = join(dir, 'e.yaml');
  writeFileSync(file, `scenario: ${JSON.stringify(join(fixtures, 'toy.yaml'))}\n${yaml}`);
  const db = join(dir, 'e.duckdb');
  const outcome = await runToy(file, db);
  const store = await ExperimentStore.open(db);
  return { outcome, store };
}

const deterministic = [
  'set: { noise: 0 }',
  'steps: 40',
  'outputs:',
  '  summaries: [{ name: mean_level, stat: mean, indicator: level, from: 10 }]',
].join('\n');

describe('kinds on the toy model', () => {
  it('ensemble: per-step bands are the mean and type-7 quantiles of the replicates', async () => {
    const { store } = await run(['kind: ensemble', 'replicates: 11', 'seed: 3', 'steps: 20'].join('\n'));
    const bands = await store.query(`SELECT * FROM ensemble_bands WHERE indicator = 'active' AND step = 15`);
    const values = (await store.query('SELECT active FROM series WHERE step = 15 ORDER BY active')).map((r) => Number(r.active));
    store.close();
    expect(values).toHaveLength(11);
    const q = (p: number) => {
      const h = (values.length - 1) * p;
      return values[Math.floor(h)] + (h - Math.floor(h)) * (values[Math.ceil(h)] - values[Math.floor(h)]);
    };
    expect(bands).toHaveLength(1);
    const b = bands[0];
    expect(b.runs).toBe(11);
    expect(b.mean).toBeCloseTo(values.reduce((a, v) => a + v, 0) / 11, 12);
    for (const [col, p] of [['q05', 0.05], ['q25', 0.25], ['q50', 0.5], ['q75', 0.75], ['q95', 0.95]] as const) expect(b[col]).toBeCloseTo(q(p), 12);
  });

  it('sensitivity (Sobol): all the variance of mean_level is rate’s, none is cells’', async () => {
    const { outcome, store } = await run(
      [
        'kind: sensitivity',
        deterministic,
        'factors: [{ path: rate, range: [0, 0.2] }, { path: cells, range: [5, 40], integer: true }]',
        'sensitivity: { method: sobol, N: 64, bootstrap: 100 }',
      ].join('\n'),
    );
    const rows = await store.query(`SELECT factor, "index", value, ci_low, ci_high FROM sensitivity WHERE method = 'sobol'`);
    store.close();
    expect(outcome.runs).toBe(64 * 4);
    const get = (factor: string, index: string) => rows.find((r) => r.factor === factor && r.index === index)!;
    // Estimators, not identities: near 1 at N = 64, with 1 inside the bootstrap interval.
    for (const index of ['S1', 'ST']) {
      const r = get('rate', index);
      expect(Math.abs(Number(r.value) - 1)).toBeLessThan(0.2);
      expect(Number(r.ci_low)).toBeLessThanOrEqual(1);
      expect(Number(r.ci_high)).toBeGreaterThanOrEqual(1);
    }
    // Rows that differ only in cells give identical outputs, so its estimates are exactly 0.
    expect(get('cells', 'ST').value).toBe(0);
    expect(Math.abs(Number(get('cells', 'S1').value))).toBeLessThan(1e-9);
  });

  it('sensitivity (Morris): mu* of rate is the output change over its range, cells has none', async () => {
    const { store } = await run(
      [
        'kind: sensitivity',
        deterministic,
        'factors: [{ path: rate, range: [0, 0.2] }, { path: cells, range: [5, 40], integer: true }]',
        'sensitivity: { method: morris, N: 10, bootstrap: 50 }',
      ].join('\n'),
    );
    const rows = await store.query(`SELECT factor, "index", value FROM sensitivity WHERE "index" = 'mu_star'`);
    store.close();
    // Effects are per unit of the factor's range: 25 * (0.2 - 0) = 5.
    expect(Number(rows.find((r) => r.factor === 'rate')!.value)).toBeCloseTo(5, 9);
    expect(rows.find((r) => r.factor === 'cells')!.value).toBe(0);
  });

  it('calibration: ABC-SMC finds the rate that gives the observed mean level', async () => {
    const { store } = await run(
      [
        'kind: calibration',
        deterministic,
        'seed: 8',
        'factors: [{ path: rate, range: [-0.3, 0.3] }]',
        'calibration: { population: 30, generations: 4, targets: [{ summary: mean_level, observed: 2.5 }] }',
      ].join('\n'),
    );
    const [post] = await store.query(`SELECT sum(weight * rate) AS mean FROM posterior WHERE generation = 3`);
    const gens = await store.query('SELECT epsilon FROM abc_generations ORDER BY generation');
    store.close();
    expect(Math.abs(Number(post.mean) - 0.1)).toBeLessThan(0.01);
    expect(gens.map((g) => g.epsilon).slice(1).every((e, i, all) => i === 0 || Number(e) <= Number(all[i - 1]))).toBe(true);
  });

  it('backtest: a perfect deterministic forecast has CRPS 0 and full coverage, persistence does worse', async () => {
    const dir = tempDir('pk-obs-');
    const csv = join(dir, 'obs.csv');
    // level(t) as the model computes it with toy.yaml's rate 0.05: by repeated addition.
    const level = [0];
    for (let t = 1; t <= 40; t++) level.push(level[t - 1] + 0.05);
    writeFileSync(csv, ['indicator,time,value', ...[0, 10, 20, 30, 40].map((t) => `level,${t},${level[t]}`)].join('\n'));
    const { store } = await run(['kind: backtest', 'replicates: 5', deterministic, `backtest: { observed: ${JSON.stringify(csv)}, levels: [0.5, 0.9] }`].join('\n'));
    const scores = await store.query('SELECT * FROM backtest_scores ORDER BY level');
    store.close();
    expect(scores.map((s) => [s.indicator, s.level, s.n])).toEqual([['level', 0.5, 4], ['level', 0.9, 4]]);
    for (const s of scores) {
      expect(s.coverage).toBe(1);
      expect(Number(s.crps)).toBeCloseTo(0, 12);
      // Persistence carries level(0) = 0 forward: its errors are 0.5, 1, 1.5, 2.
      expect(Number(s.persistence_mae)).toBeCloseTo(1.25, 12);
      expect(s.crps_skill).toBeCloseTo(1, 12);
    }
  });

  it('discovery: the PRIM box of "mean_level > 1" is rate above 0.04, whatever the cells', async () => {
    const { store } = await run(
      [
        'kind: discovery',
        deterministic,
        'factors: [{ path: rate, range: [-0.2, 0.2] }, { path: cells, range: [5, 40], integer: true }]',
        'design: { type: lhs, n: 200 }',
        'discovery: { outcome: "mean_level > 1" }',
      ].join('\n'),
    );
    const box = await store.query(`SELECT factor, lo, hi, restricted, density FROM prim_boxes WHERE kind = 'selected' ORDER BY factor`);
    const outcomes = await store.query('SELECT sum(outcome) AS yes, count(*) AS n FROM outcomes');
    store.close();
    expect(Number(outcomes[0].n)).toBe(200);
    // About 40% of an LHS over [-0.2, 0.2] lies above 0.04.
    expect(Number(outcomes[0].yes)).toBeGreaterThan(70);
    expect(Number(outcomes[0].yes)).toBeLessThan(90);
    const rate = box.find((b) => b.factor === 'rate')!;
    expect(rate.restricted).toBe(true);
    expect(rate.density).toBe(1);
    expect(Number(rate.lo)).toBeGreaterThan(0.035);
    expect(Number(rate.lo)).toBeLessThan(0.05);
    expect(box.find((b) => b.factor === 'cells')!.restricted).toBe(false);
  });
});
