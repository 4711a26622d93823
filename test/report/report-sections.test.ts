import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { chartMarks, launch, openReport, type ChartMarks, type OpenedPage } from './browser.js';
import { fullStore, incompleteStore, MECHANISMS, REGIONS, type FullFixture } from './fixture-stores.js';

const OUT = new URL('../../test-output/', import.meta.url).pathname;

let browser: Browser;
let dir: string;
let fixture: FullFixture;
let opened: OpenedPage;
let marks: ChartMarks[];
let built: Awaited<ReturnType<typeof buildReport>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pk-report-'));
  mkdirSync(OUT, { recursive: true });
  fixture = await fullStore(dir);
  built = await buildReport(fixture.db, { out: join(dir, 'full.html'), pngDir: join(dir, 'png') });
  browser = await launch();
  opened = await openReport(browser, built.out);
  marks = await chartMarks(opened.page);
  await opened.page.screenshot({ path: join(OUT, 'report-all-sections.png'), fullPage: true });
});

afterAll(async () => {
  await browser?.close();
});

const chart = (id: string) => {
  const c = marks.find((m) => m.id === id);
  if (!c) throw new Error(`no chart ${id}; charts are ${marks.map((m) => m.id).join(', ')}`);
  return c;
};

describe('report of a store with every kind of result', () => {
  it('renders without console errors and without fetching anything', () => {
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.outsideRequests).toEqual([]);
  });

  it('has every section the store has data for', () => {
    expect(built.sections).toEqual(['targets', 'attribution', 'series', 'regions', 'sensitivity', 'calibration', 'backtest', 'prim', 'assumptions']);
  });

  it('draws every chart with visible marks (no empty panels)', () => {
    expect(marks.length).toBe(built.charts);
    for (const m of marks) {
      expect(m.width, m.id).toBeGreaterThan(200);
      expect(m.height, m.id).toBeGreaterThan(150);
      expect(m.paths + m.polygons, m.id).toBeGreaterThan(5);
      expect(m.dataMarks + m.polygons, m.id).toBeGreaterThan(0);
    }
  });

  it('draws two band polygons, a median line and a legend per indicator', () => {
    for (const name of fixture.nationalIndicators) {
      const c = chart(`band-${name}`);
      expect(c.polygons).toBe(2);
      for (const label of ['5-95 %', '25-75 %', 'median']) expect(c.texts).toContain(label);
    }
  });

  it('draws one panel of bands per region', () => {
    for (const name of fixture.regionalIndicators) {
      const c = chart(`regions-${name}`);
      expect(c.polygons).toBe(2 * REGIONS.length);
      for (const g of REGIONS) expect(c.texts).toContain(g);
    }
  });

  it('shows Morris points, Sobol bars with intervals, posteriors, back-test and PRIM marks', () => {
    // Three factors, each a point and a mu* interval of three lines.
    expect(chart('morris-outbursts').dataMarks).toBe(3 * 4);
    expect(chart('morris-outbursts').texts).toEqual(expect.arrayContaining(['legitimacy', 'vision', 'jail']));
    // 3 factors x (S1, ST) bars + 6 interval marks.
    expect(chart('sobol-outbursts').dataMarks).toBeGreaterThanOrEqual(12);
    expect(chart('posterior-legitimacy').texts).toEqual(expect.arrayContaining(['generation 0', 'generation 2']));
    expect(chart('abc-epsilon').dataMarks).toBe(2);
    expect(chart('backtest-detained').polygons).toBe(2);
    expect(chart('backtest-detained').dataMarks).toBeGreaterThanOrEqual(3 + 1);
    expect(chart('prim-trajectory').dataMarks).toBe(6);
  });

  it('lists every target with its value and verdict', async () => {
    const rows = await opened.page.$$eval('#targets-table tbody tr', (trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-target'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })),
    );
    expect(rows.map((r) => r.id)).toEqual(fixture.targets.map((t) => t.id));
    rows.forEach((r, i) => {
      expect(Number(r.cells[1].replace(/,/g, ''))).toBeCloseTo(fixture.targets[i].mean, -1);
      expect(r.cells[3]).toBe(fixture.targets[i].pass ? 'pass' : 'FAIL');
    });
  });

  it('orders the mechanisms by their mean absolute relative effect', async () => {
    const listed = await opened.page.$$eval('#attribution-order li', (lis) => lis.map((li) => li.getAttribute('data-mechanism')));
    const effect = (m: string) => {
      const rows = fixture.attribution.filter((r) => r.mechanism === m);
      // Changes indistinguishable from zero (difference interval spans 0) count as none.
      return rows.reduce((a, r) => a + (r.diffLow > 0 || r.diffHigh < 0 ? Math.abs(r.relative!) : 0), 0) / rows.length;
    };
    expect(listed).toEqual([...MECHANISMS].sort((a, b) => effect(b) - effect(a)));
    const heat = chart('attribution');
    expect(heat.dataMarks).toBeGreaterThanOrEqual(MECHANISMS.length * 3);
    // The y axis lists the largest effect at the top, i.e. last in drawing order.
    const labels = heat.texts.filter((t) => /^M\d+ /.test(t)).map((t) => t.split(' ')[0]);
    expect(labels.reverse()).toEqual(listed);
  });

  it('shows the parameters with units and sources from the model schema', async () => {
    const rows = await opened.page.$$eval('#parameters tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const scale = rows.find((r) => r[0] === 'scale');
    expect(scale?.[2]).toBe('people per agent');
    expect(rows.find((r) => r[0] === 'regions[0].population')?.[3]).toMatch(/census/);
  });

  it('writes one PNG per chart', () => {
    expect(built.pngs.length).toBe(built.charts);
    for (const f of built.pngs) {
      const head = readFileSync(f).subarray(0, 8);
      expect(head.toString('hex')).toBe('89504e470d0a1a0a');
      expect(statSync(f).size).toBeGreaterThan(5000);
    }
  });

  it('is the same file when built again from the same store', async () => {
    const again = await buildReport(fixture.db, { out: join(dir, 'again.html') });
    expect(readFileSync(again.out, 'utf8')).toBe(readFileSync(built.out, 'utf8'));
  });

  it('says a store is complete', async () => {
    expect(await opened.page.textContent('#status')).toBe('complete');
  });
});

describe('report of an interrupted experiment', () => {
  it('is marked INCOMPLETE with runs done and expected', async () => {
    const db = await incompleteStore(dir, 3, 10);
    const r = await buildReport(db, { out: join(dir, 'incomplete.html') });
    expect(r.complete).toBe(false);
    const o = await openReport(browser, r.out);
    expect(await o.page.textContent('#status')).toBe('INCOMPLETE: 3 of 10 runs done');
    expect(o.consoleErrors).toEqual([]);
    expect(existsSync(r.out)).toBe(true);
    await o.page.screenshot({ path: join(OUT, 'report-incomplete.png') });
  });
});
