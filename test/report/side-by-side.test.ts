import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareBacktests, readObservedFile } from '../../src/experiment/backtest/index.js';
import { runBacktestStage, type BacktestStageResult } from '../../src/experiment/pipeline/backtest-stage.js';
import { buildReport } from '../../src/report/build.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { ensureBuilt } from '../experiment/build.js';
import { fullStore } from './fixture-stores.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLE = join(ROOT, 'data/observed/example-validation.csv');
const SCENARIOS = ['scenarios/kazakhstan-2022.yaml', 'scenarios/kazakhstan-2022-seed.yaml'].map((f) => join(ROOT, f));

let html = '';
let db = '';
let stage: BacktestStageResult;

/** Both shipped scenarios back-tested into a report store, as `npx powderkeg --observed FILE` does. */
beforeAll(async () => {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'pk-side-'));
  db = (await fullStore(dir)).db;
  // The example figures, plus one that is also a calibration figure (in sample).
  const observed = join(dir, 'observed.csv');
  writeFileSync(observed, `${readFileSync(EXAMPLE, 'utf8').trimEnd()}\ndetained,2022-01-12,11000,10000,12000,"also in calibration-2022.csv"\n`);
  const store = await ExperimentStore.open(db);
  try {
    const scenarios = SCENARIOS.map((f) => loadScenario(f, { set: ['scale=1000'] }));
    const backtest = { observedFile: observed, figures: readObservedFile(observed), calibration: readObservedFile(join(ROOT, 'data/observed/calibration-2022.csv')), compare: [], replicates: 4 };
    stage = await runBacktestStage(store, scenarios, backtest, 2022, 1);
  } finally {
    store.close();
  }
  html = readFileSync((await buildReport(db, { out: join(dir, 'report.html') })).out, 'utf8');
}, 120_000);

describe('the back-test of two scenarios in the report', () => {
  it('stores every scored figure of each scenario and each standing, with the favoured one marked', async () => {
    const store = await ExperimentStore.open(db);
    try {
      const figures = await store.query('SELECT scenario, count(*) AS n FROM backtest_figures GROUP BY scenario ORDER BY scenario');
      expect(figures.map((r) => Number(r.n))).toEqual(stage.results.map((r) => r.rows.length).sort((a, b) => a - b));
      const standings = await store.query('SELECT scenario, favoured, coverage FROM backtest_standings ORDER BY scenario');
      expect(standings).toHaveLength(2);
      const comparison = compareBacktests(stage.results);
      expect(standings.filter((s) => s.favoured === true).map((s) => s.scenario)).toEqual(comparison.favoured ? [comparison.favoured] : []);
    } finally {
      store.close();
    }
  });

  it('puts both scenarios next to each other, figure by figure, with the verdict the comparison gives', () => {
    expect(html).toContain('<h3>Back-test, side by side</h3>');
    const verdict = html.match(/<p id="backtest-verdict">([^]*?)<\/p>/)![1];
    const favoured = stage.comparison!.favoured;
    if (favoured) expect(verdict).toContain(`favour <strong>${favoured.split('/').pop()!.replace('.yaml', '')}</strong>`);
    else expect(verdict).toContain('favour neither');
    const keys = new Set(stage.results.flatMap((r) => r.rows.map((x) => `${x.indicator}@${x.time}`)));
    const table = html.match(/<table id="backtest-side-by-side">([^]*?)<\/table>/)![1];
    expect(table).toContain('kazakhstan-2022: mean [5 %, 95 %]');
    // The one figure that is also a calibration figure is marked as in sample, and only it.
    expect(table).toContain('2022-01-12 (in calibration)');
    expect(table.match(/in calibration/g)).toHaveLength(1);
    expect(verdict).toContain(`1 of these ${keys.size} figures are also calibration figures`);
    expect(table).toContain('kazakhstan-2022-seed: mean [5 %, 95 %]');
    expect(table.match(/<tr/g)!.length - 1).toBe(keys.size);
    // Indicators the model lacks are named, not errors.
    for (const m of stage.results[0].missing) expect(html).toContain(m);
  });
});
