import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/engine/random.js';
import { ABC_GENERATION_COLUMNS, posteriorColumns } from '../../src/experiment/kinds/calibration.js';
import { POWDERKEG_VERSION } from '../../src/experiment/version.js';
import { writeTargetResults } from '../../src/experiment/pipeline/tables.js';
import { writeStoreMeta } from '../../src/experiment/store-meta.js';
import { writeAttribution, type AttributionRow } from '../../src/experiment/attribution.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ExperimentStore, type StoredRun } from '../../src/store/experiment-store.js';

/**
 * Stores with the documented tables (docs/store.md), filled with random but well-formed
 * results, so that every section of the report can be exercised without running analyses.
 */

export const SCENARIO = new URL('../../scenarios/kazakhstan-2022.yaml', import.meta.url).pathname;
export const REGIONS = ['almaty_city', 'mangystau', 'rest'];
export const MECHANISMS = ['M1', 'M2', 'M3', 'M4', 'M5'];

function runs(n: number, rng: Rng): StoredRun[] {
  return Array.from({ length: n }, (_, r) => ({
    runId: `0-${r}-fixture`,
    row: 0,
    replicate: r,
    seed: r,
    params: {},
    status: 'ok' as const,
    error: null,
    summaries: [rng.uniform(0, 10)],
    steps: 52,
    elapsedMs: 1,
    series: null,
  }));
}

function bandRows(indicator: string, level: number, rng: Rng): unknown[][] {
  const rows: unknown[][] = [];
  for (let step = 0; step <= 52; step += 4) {
    const mid = level * (1 + step / 52) + rng.uniform(0, level * 0.05);
    const w = level * 0.1 * (1 + step / 26);
    rows.push([indicator, step, 10, mid, mid - 2 * w, mid - w, mid, mid + w, mid + 2 * w]);
  }
  return rows;
}

export interface FullFixture {
  readonly db: string;
  readonly targets: { id: string; mean: number; pass: boolean }[];
  readonly attribution: AttributionRow[];
  readonly nationalIndicators: string[];
  readonly regionalIndicators: string[];
}

/** A back-test store of the aftermath model with every optional table the report can show. */
export async function fullStore(dir: string): Promise<FullFixture> {
  const rng = new Rng(42, 'report-fixture');
  const db = join(dir, 'full.duckdb');
  const experimentFile = join(dir, 'full.yaml');
  writeFileSync(join(dir, 'observed.csv'), 'indicator,time,value\ndetained,0,1000\ndetained,20,1600\ndetained,40,2100\n');
  const experiment = { kind: 'backtest', name: 'full', scenario: SCENARIO, replicates: 10, seed: 7, backtest: { observed: 'observed.csv' } };
  const store = await ExperimentStore.create(
    db,
    {
      powderkeg_version: POWDERKEG_VERSION,
      kind: 'backtest',
      experiment_file: experimentFile,
      experiment_hash: 'h',
      scenario_file: SCENARIO,
      scenario_hash: 's',
      model: 'aftermath',
      seed: 7,
      experiment_json: JSON.stringify(experiment),
    },
    { factors: [], summaries: ['s'] },
  );
  await store.appendRuns(runs(10, rng));
  await writeStoreMeta(store, loadScenario(SCENARIO), [
    { indicator: 'detained', time: 0, value: 1000 },
    { indicator: 'detained', time: 20, value: 1600 },
    { indicator: 'detained', time: 40, value: 2100 },
  ]);
  const nationalIndicators = ['detained', 'protest_minded'];
  const regionalIndicators = ['affected'];
  const bands = [
    ...bandRows('detained', 1000, rng),
    ...bandRows('protest_minded', 300000, rng),
    ...REGIONS.flatMap((g, i) => bandRows(`affected__${g}`, 5000 * (i + 1), rng)),
  ];
  await store.replaceTable(
    'ensemble_bands',
    ['indicator', 'step', 'runs', 'mean', 'q05', 'q25', 'q50', 'q75', 'q95'].map((name, i) => ({ name, type: i === 0 ? 'VARCHAR' : i < 3 ? 'BIGINT' : 'DOUBLE' })),
    bands,
  );
  const targets = ['detained_january', 'affected_january', 'list_five_years'].map((id, i) => {
    const mean = rng.uniform(500, 20000);
    return { id, mean, pass: i !== 1 };
  });
  await writeTargetResults(
    store,
    targets.map((t) => ({ id: t.id, claim: `claim of ${t.id}`, measure: 'x at date', mean: t.mean, low: t.mean * 0.9, high: t.mean * 1.1, min: t.pass ? 0 : t.mean * 2, max: undefined, pass: t.pass, values: [t.mean] })),
  );
  const factors = ['legitimacy', 'vision', 'jail'];
  const sens: unknown[][] = [];
  for (const f of factors) {
    const mu = rng.uniform(0, 5);
    sens.push(['outbursts', 'morris', f, 'mu', mu, null, null], ['outbursts', 'morris', f, 'mu_star', mu + 1, mu + 0.5, mu + 1.5], ['outbursts', 'morris', f, 'sigma', rng.uniform(0, 3), null, null]);
    const s1 = rng.uniform(0, 0.4);
    sens.push(['outbursts', 'sobol', f, 'S1', s1, s1 - 0.05, s1 + 0.05], ['outbursts', 'sobol', f, 'ST', s1 + 0.1, s1 + 0.02, s1 + 0.2]);
  }
  sens.push(['outbursts', 'sobol', null, 'sum_S1', 0.5, null, null]);
  await store.replaceTable(
    'sensitivity',
    ['output', 'method', 'factor', 'index', 'value', 'ci_low', 'ci_high'].map((name, i) => ({ name, type: i < 4 ? 'VARCHAR' : 'DOUBLE' })),
    sens,
  );
  const posterior: unknown[][] = [];
  for (let g = 0; g < 3; g++) for (let p = 0; p < 50; p++) posterior.push([g, p, rng.normal(0.8, 0.2 / (g + 1)), rng.uniform(1, 10), 1 / 50, rng.uniform(0, 1)]);
  // The calibration kind's own table shapes, so the fixture cannot drift from what the runner writes.
  await store.replaceTable('posterior', posteriorColumns(['legitimacy', 'vision']), posterior);
  await store.replaceTable(
    'abc_generations',
    ABC_GENERATION_COLUMNS,
    [[0, null, 50, 1, 50, null], [1, 2.5, 120, 0.4, 45, null], [2, 1.1, 300, 0.17, 40, 'maxGenerations']],
  );
  const scoreCols = ['indicator', 'level', 'n', 'coverage', 'interval_score', 'crps', 'mae', 'persistence_coverage', 'persistence_interval_score', 'persistence_crps', 'persistence_mae', 'crps_skill'];
  await store.replaceTable(
    'backtest_scores',
    scoreCols.map((name, i) => ({ name, type: i === 0 ? 'VARCHAR' : i === 2 ? 'BIGINT' : 'DOUBLE' })),
    [['detained', 0.9, 2, 1, 300, 80, 90, 0, 900, 400, 500, 0.8]],
  );
  const prim: unknown[][] = [];
  for (let s = 0; s < 6; s++) for (const f of factors) prim.push(['peel', s, f, 0.1 * s, 1, s > 0, 1 - 0.12 * s, 0.3 + 0.1 * s, 1 - 0.15 * s, 100 - 15 * s]);
  for (const f of factors) prim.push(['selected', 4, f, 0.4, 0.9, f !== 'jail', 0.55, 0.7, 0.4, 40]);
  await store.replaceTable(
    'prim_boxes',
    ['kind', 'step', 'factor', 'lo', 'hi', 'restricted', 'coverage', 'density', 'mass', 'count'].map((name, i) => ({
      name,
      type: i === 0 || i === 2 ? 'VARCHAR' : i === 1 || i === 9 ? 'BIGINT' : i === 5 ? 'BOOLEAN' : 'DOUBLE',
    })),
    prim,
  );
  const attribution: AttributionRow[] = MECHANISMS.flatMap((m) =>
    ['protest_minded (year 5)', 'organisers (year 5)', 'P(explosion by year 1)'].map((indicator) => {
      const rel = rng.uniform(-1, 1) * rng.uniform(0, 1);
      return {
        mechanism: m, mechanismName: `name of ${m}`, indicator, baseline: 100, ablated: 100 * (1 + rel), diff: 100 * rel, diffLow: 100 * rel - 5, diffHigh: 100 * rel + 5,
        relative: rel, relativeLow: rel - 0.05, relativeHigh: rel + 0.05, replicates: 10,
      };
    }),
  );
  await writeAttribution(store, attribution);
  await store.setStatus('complete');
  store.close();
  return { db, targets, attribution, nationalIndicators, regionalIndicators };
}

/** An ensemble store stopped after `done` of `expected` runs. */
export async function incompleteStore(dir: string, done: number, expected: number): Promise<string> {
  const db = join(dir, 'incomplete.duckdb');
  const store = await ExperimentStore.create(
    db,
    {
      powderkeg_version: POWDERKEG_VERSION, kind: 'ensemble', experiment_file: join(dir, 'x.yaml'), experiment_hash: 'h',
      scenario_file: join(dir, 'missing.yaml'), scenario_hash: 's', model: 'civil-violence', seed: 1,
      experiment_json: JSON.stringify({ kind: 'ensemble', scenario: 'missing.yaml', replicates: expected }),
    },
    { factors: [], summaries: ['s'] },
  );
  await store.appendRuns(runs(done, new Rng(1)));
  store.close();
  return db;
}

/**
 * An ensemble of the aftermath model whose `active` band opens with a spike 50 times what
 * follows (the week of the wave), beside a smooth `detained` band.
 */
export async function spikeStore(dir: string): Promise<string> {
  const rng = new Rng(9, 'spike-fixture');
  const db = join(dir, 'spike.duckdb');
  const store = await ExperimentStore.create(
    db,
    {
      powderkeg_version: POWDERKEG_VERSION, kind: 'ensemble', experiment_file: join(dir, 'spike.yaml'), experiment_hash: 'h',
      scenario_file: SCENARIO, scenario_hash: 's', model: 'aftermath', seed: 3,
      experiment_json: JSON.stringify({ kind: 'ensemble', name: 'spike', scenario: SCENARIO, replicates: 10, seed: 3 }),
    },
    { factors: [], summaries: ['s'] },
  );
  await store.appendRuns(runs(10, rng));
  await writeStoreMeta(store, loadScenario(SCENARIO), null);
  const active = bandRows('active', 400, rng).map((r) => (r[1] === 0 ? ['active', 0, 10, 40000, 30000, 35000, 40000, 45000, 50000] : r));
  await store.replaceTable(
    'ensemble_bands',
    ['indicator', 'step', 'runs', 'mean', 'q05', 'q25', 'q50', 'q75', 'q95'].map((name, i) => ({ name, type: i === 0 ? 'VARCHAR' : i < 3 ? 'BIGINT' : 'DOUBLE' })),
    [...active, ...bandRows('detained', 1000, rng)],
  );
  await store.setStatus('complete');
  store.close();
  return db;
}
