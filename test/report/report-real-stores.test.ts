import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { buildReport } from '../../src/report/build.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { chartMarks, launch, openReport } from './browser.js';

const EXPERIMENTS = new URL('../../experiments/', import.meta.url).pathname;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pk-report-real-'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function reportOf(name: string) {
  const x = loadExperiment(join(EXPERIMENTS, `${name}.yaml`));
  const db = join(dir, `${name}.duckdb`);
  await runExperiment(x, { db, executor: (job) => new InlineExecutor(job) });
  const built = await buildReport(db, { out: join(dir, `${name}.html`) });
  const o = await openReport(browser, built.out);
  return { db, built, o, marks: await chartMarks(o.page) };
}

describe('reports of stores made by the experiment runner', () => {
  it('shows one Morris point per factor and output of a real sensitivity experiment', async () => {
    const { db, built, o, marks } = await reportOf('epstein-sensitivity');
    expect(o.consoleErrors).toEqual([]);
    expect(built.sections).toContain('sensitivity');
    const store = await ExperimentStore.open(db);
    const rows = await store.query(`SELECT output, count(DISTINCT factor) AS k FROM sensitivity WHERE method = 'morris' AND factor IS NOT NULL GROUP BY output`);
    store.close();
    expect(rows.length).toBeGreaterThan(0);
    // Per factor: its point, and its mu* interval as three lines (bar and two caps).
    for (const r of rows) expect(marks.find((m) => m.id === `morris-${r.output}`)?.dataMarks).toBe(Number(r.k) * 4);
  });

  it('draws the peeling trajectory of a real discovery experiment, one point per peel', async () => {
    const { db, built, o, marks } = await reportOf('epstein-discovery');
    expect(o.consoleErrors).toEqual([]);
    expect(built.sections).toContain('prim');
    const store = await ExperimentStore.open(db);
    const steps = await store.query(`SELECT count(DISTINCT step) AS n FROM prim_boxes WHERE kind = 'peel'`);
    store.close();
    expect(marks.find((m) => m.id === 'prim-trajectory')?.dataMarks).toBe(steps[0].n);
    expect(await o.page.$$eval('#prim-limits tbody tr', (trs) => trs.length)).toBeGreaterThan(0);
  });
});
