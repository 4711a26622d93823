import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runMainJob } from '../../src/cli/main-job.js';
import { rankMechanisms } from '../../src/report/mechanism-ranking.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { ensureBuilt } from '../experiment/build.js';
import { chartMarks, launch, openReport } from './browser.js';
import { SCENARIO } from './fixture-stores.js';
import { loadScenario } from '../../src/scenario/load.js';

const TARGET_IDS = ((loadScenario(SCENARIO).scenario as { targets: { id: string }[] }).targets).map((t) => t.id);

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const DOCS_IMAGE = new URL('../../docs/images/report.png', import.meta.url).pathname;
const REPLICATES = 3;

let dir: string;
let code: number;
let stdout = '';
let stderr = '';

/**
 * The whole main job on a coarser, shorter copy of the default scenario (1,000 people per
 * agent, the five years the targets need) so that it fits the test budget.
 */
beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'pk-main-'));
  const text = readFileSync(SCENARIO, 'utf8').replace(/^scale: \d+/m, 'scale: 1000').replace(/^horizon: \d+/m, 'horizon: 265');
  const scenario = join(dir, 'kazakhstan-coarse.yaml');
  writeFileSync(scenario, text);
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    // A pair or two per arm beyond the first look: the test checks the plumbing, not the precision.
    code = await runMainJob(new Command(), { outDir: join(dir, 'out'), replicates: REPLICATES, scenario, attribution: { min_pairs: 2, batch: 1, max_pairs: REPLICATES } });
  } finally {
    vi.restoreAllMocks();
  }
}, 240_000);

describe('the main job', () => {
  it('prints the phases, the targets, the top mechanisms and the report path', () => {
    expect([0, 1]).toContain(code);
    for (const p of ['[1/4] ensemble', '[2/4] targets', '[3/4] attribution', '[4/4] report']) expect(stderr).toContain(p);
    expect(stdout).toMatch(/^target\s+role\s+mean\s+90% interval \(3 runs\)\s+observed range\s+overlaps$/m);
    for (const id of TARGET_IDS) expect(stdout).toMatch(new RegExp(`^${id}\\s+(calibration|validation)\\s+[\\d.]+\\s`, 'm'));
    expect(stdout).toMatch(/^mechanism \(switched off\)/m);
    // The explosion attribution with its CI, MDE, pairs and what stopped each arm, and the precision said plainly.
    expect(stdout).toMatch(/^arm\s+P\s+change \[95 % CI\]\s+MDE \(80 %\)\s+pairs\s+stopped by$/m);
    expect(stdout).toMatch(/^feedback_off every repression-feedback mechanism .*\s3\s+max_pairs$/m);
    expect(stdout).toMatch(/^Precision: P\(new explosions by year 5\) is resolved to a minimal detectable effect \(80 % power, 5 % level\) of [\d.]+-[\d.]+ with 3-3 paired runs per arm/m);
    expect(stdout).toContain(`report: ${join(dir, 'out', 'report.html')}`);
  });

  it('stores the ensemble, the targets and an attribution that shares the baseline seeds', async () => {
    const store = await ExperimentStore.open(join(dir, 'out', 'main.duckdb'));
    try {
      const tables = await store.tableNames();
      for (const t of ['manifest', 'runs', 'series', 'ensemble_bands', 'target_results', 'attribution', 'attribution_arms', 'attribution_precision', 'scenario']) expect(tables).toContain(t);
      const arms = await store.query('SELECT arm, arm_kind, pairs, stop_reason FROM attribution_precision ORDER BY arm');
      expect(arms.filter((a) => a.arm_kind === 'sweep').map((a) => a.arm)).toEqual(['interventions[1].intensity=0.5', 'interventions[1].intensity=1', 'interventions[1].intensity=3']);
      for (const a of arms) expect([Number(a.pairs), a.stop_reason]).toEqual([REPLICATES, 'max_pairs']);
      expect((await store.manifest()).status).toBe('complete');
      const targets = await store.query('SELECT * FROM target_results');
      expect(targets.map((t) => t.id)).toEqual(TARGET_IDS);
      const attribution = await store.query('SELECT * FROM attribution');
      expect(new Set(attribution.map((r) => r.mechanism)).size).toBe(11);
      // The baseline of the attribution is the ensemble itself (same seeds), not a re-run.
      const base = await store.query(`SELECT avg(attr_extremist_list) AS v FROM runs WHERE "row" = 0`);
      const row = attribution.find((r) => r.mechanism === 'M7' && String(r.indicator).startsWith('extremist_list'))!;
      expect(row.baseline_mean).toBeCloseTo(Number(base[0].v), 6);
      expect(Number(row.replicates)).toBe(REPLICATES);
    } finally {
      store.close();
    }
  });

  it('writes a report whose charts render and whose attribution is ordered by effect', async () => {
    const html = join(dir, 'out', 'report.html');
    expect(existsSync(join(dir, 'out', 'charts', 'attribution.png'))).toBe(true);
    const browser = await launch();
    try {
      const o = await openReport(browser, html);
      expect(o.consoleErrors).toEqual([]);
      expect(o.outsideRequests).toEqual([]);
      const marks = await chartMarks(o.page);
      expect(marks.length).toBeGreaterThan(10);
      for (const m of marks) expect(m.polygons + m.dataMarks, m.id).toBeGreaterThan(0);
      const values = await o.page.$$eval('#targets-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      expect(values.length).toBe(TARGET_IDS.length);
      for (const v of values) expect(v).toMatch(/^[\d,.]+$/);
      const store = await ExperimentStore.open(join(dir, 'out', 'main.duckdb'));
      const rows = await store.query('SELECT mechanism, mechanism_name, relative, diff_low, diff_high FROM attribution');
      store.close();
      const expected = rankMechanisms(rows.map((r) => ({ mechanism: String(r.mechanism), mechanismName: String(r.mechanism_name), relative: r.relative as number | null, diffLow: Number(r.diff_low), diffHigh: Number(r.diff_high) }) as never)).map((m) => m.mechanism);
      expect(await o.page.$$eval('#attribution-order li', (lis) => lis.map((li) => li.getAttribute('data-mechanism')))).toEqual(expected);
      const effects = await o.page.$$eval('#attribution-order li', (lis) => lis.map((li) => Number(li.getAttribute('data-effect'))));
      for (let i = 1; i < effects.length; i++) expect(effects[i]).toBeLessThanOrEqual(effects[i - 1]);
      // The seed's question in a section of its own: the feedback mechanisms off, the intensity sweep, the precision.
      expect(await o.page.$eval('#seed-question h2', (h) => h.textContent)).toBe('Does the crackdown make the next explosion?');
      expect(await o.page.$$eval('#seed-sweep tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-value')))).toEqual(['0.5', '1', '3', 'scenario']);
      expect(await o.page.$eval('#seed-question', (s) => s.textContent)).toMatch(/every repression-feedback mechanism \(M2-M10\) off, it is [\d.]+ \(95 % CI/);
      expect(await o.page.$$eval('#attribution-precision tbody tr', (trs) => trs.length)).toBe(15);
      mkdirSync(OUT, { recursive: true });
      await o.page.screenshot({ path: join(OUT, 'main-job-report.png') });
      await o.page.screenshot({ path: join(OUT, 'main-job-report-full.png'), fullPage: true });
      if (process.env.UPDATE_DOCS_IMAGES) copyFileSync(join(OUT, 'main-job-report.png'), DOCS_IMAGE);
    } finally {
      await browser.close();
    }
  });
});

afterAll(() => vi.restoreAllMocks());
