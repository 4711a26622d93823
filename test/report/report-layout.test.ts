import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { launch } from './browser.js';
import { fullStore, spikeStore } from './fixture-stores.js';

/**
 * The report as a reader sees it, in Chromium at a desktop (1280 px) and a phone (420 px)
 * width: charts fill the page in a grid, every chart is an accessible image with a caption,
 * tooltips work with JavaScript and the page is whole without it. Screenshots go to
 * test-output/ (UPDATE_DOCS_IMAGES=1 also copies them to docs/images/).
 */

const OUT = new URL('../../test-output/', import.meta.url).pathname;
const DOCS = new URL('../../docs/images/', import.meta.url).pathname;
let browser: Browser;
let html: string;
let spike: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pk-report-layout-'));
  mkdirSync(OUT, { recursive: true });
  html = (await buildReport((await fullStore(dir)).db, { out: join(dir, 'full.html') })).out;
  spike = (await buildReport(await spikeStore(dir), { out: join(dir, 'spike.html') })).out;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Layout {
  readonly id: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly marks: number;
  readonly caption: string;
  readonly title: string;
  readonly desc: string;
  readonly role: string | null;
  readonly labelled: boolean;
}

async function open(file: string, width: number, javaScript = true) {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
  const layout: Layout[] = await page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const ids = (svg.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
      return {
        id: f.getAttribute('data-chart') ?? '',
        left: Math.round(box.left),
        top: Math.round(box.top + window.scrollY),
        width: Math.round(box.width),
        marks: svg.querySelectorAll('path, polygon').length,
        caption: f.querySelector('figcaption')?.textContent ?? '',
        title: svg.querySelector(':scope > title')?.textContent ?? '',
        desc: svg.querySelector(':scope > desc')?.textContent ?? '',
        role: svg.getAttribute('role'),
        labelled: ids.length === 2 && ids.every((id) => document.getElementById(id) !== null && svg.contains(document.getElementById(id))),
      };
    }),
  );
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  return { context, page, errors, layout, pageWidth };
}

const shot = async (page: Awaited<ReturnType<typeof open>>['page'], name: string) => {
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  if (process.env.UPDATE_DOCS_IMAGES) copyFileSync(join(OUT, name), join(DOCS, name));
};

describe('the report at 1280 px', () => {
  it('lays the charts out in a grid of two or more columns that fills the page', async () => {
    const o = await open(html, 1280);
    try {
      expect(o.errors).toEqual([]);
      expect(o.pageWidth).toBeLessThanOrEqual(1280);
      const series = o.layout.filter((l) => l.id.startsWith('band-'));
      expect(series.length).toBeGreaterThanOrEqual(2);
      // Side by side: same row, different columns, together using most of the width.
      expect(series[1].top).toBe(series[0].top);
      expect(series[1].left).toBeGreaterThan(series[0].left + series[0].width - 1);
      const used = series[1].left + series[1].width - series[0].left;
      expect(used).toBeGreaterThan(1280 * 0.85);
      // Small multiples and the heatmap take a whole row.
      const regions = o.layout.find((l) => l.id.startsWith('regions-'))!;
      expect(regions.width).toBeGreaterThan(1000);
      await shot(o.page, 'report-1280.png');
    } finally {
      await o.context.close();
    }
  });

  it('makes every chart an image with a title, a description and a "what this shows" caption', async () => {
    const o = await open(html, 1280);
    try {
      expect(o.layout.length).toBeGreaterThan(10);
      for (const l of o.layout) {
        expect(l.role, l.id).toBe('img');
        expect(l.labelled, l.id).toBe(true);
        expect(l.title.length, l.id).toBeGreaterThan(3);
        expect(l.desc.length, l.id).toBeGreaterThan(40);
        expect(l.caption, l.id).toBe(l.desc);
        expect(l.marks, l.id).toBeGreaterThan(5);
      }
      const regions = o.layout.find((l) => l.id.startsWith('regions-'))!;
      expect(regions.caption).toMatch(/share one y axis/);
    } finally {
      await o.context.close();
    }
  });

  it('shows the quantiles at the step under the pointer, and hides them when it leaves', async () => {
    const o = await open(html, 1280);
    try {
      const svg = o.page.locator('figure[data-chart="band-detained"] svg');
      await svg.scrollIntoViewIfNeeded();
      const box = (await svg.boundingBox())!;
      // Pointer in the middle of the plot area.
      await o.page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
      const tip = o.page.locator('.tip');
      await expect.poll(() => tip.isVisible()).toBe(true);
      const text = (await tip.textContent()) ?? '';
      expect(text).toMatch(/^week after 2022-01-03 \d+/);
      for (const q of ['median', '25 %', '75 %', '5 %', '95 %']) expect(text).toContain(`${q}:`);
      // A vertical line has no width, so Playwright never calls it visible: read its own state.
      const guide = await o.page.$eval('figure[data-chart="band-detained"] line.guide', (l) => ({ shown: (l as SVGElement).style.display !== 'none', x: Number(l.getAttribute('x1')) }));
      expect(guide.shown).toBe(true);
      expect(guide.x).toBeGreaterThan(64);
      expect(guide.x).toBeLessThan(560 - 24);
      await o.page.mouse.move(2, 2);
      await expect.poll(() => tip.isVisible()).toBe(false);
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});

describe('the analysis charts', () => {
  const ANALYSES = ['morris-outbursts', 'sobol-outbursts', 'posterior-legitimacy', 'abc-epsilon', 'attribution', 'prim-trajectory'];

  it('read out the mark under the pointer: a screening point, a bar, a heatmap cell', async () => {
    const o = await open(html, 1280);
    try {
      for (const id of ANALYSES) {
        const fig = o.page.locator(`figure[data-chart="${id}"]`);
        await fig.scrollIntoViewIfNeeded();
        // Where the page draws the chart's first mark, from the mark's SVG position.
        const at = await fig.evaluate((f) => {
          const q = JSON.parse(f.querySelector('script.tip-data')!.textContent!).points[1] ?? JSON.parse(f.querySelector('script.tip-data')!.textContent!).points[0];
          const p = new DOMPoint(q.x, q.y).matrixTransform((f.querySelector('svg') as SVGSVGElement).getScreenCTM()!);
          return { x: p.x, y: p.y, first: q.lines[0] as string };
        });
        await o.page.mouse.move(at.x + 2, at.y - 2);
        const tip = o.page.locator('.tip');
        await expect.poll(() => tip.isVisible(), { message: id }).toBe(true);
        expect(await tip.locator('b').textContent(), id).toBe(at.first);
        await o.page.mouse.move(2, 2);
        await expect.poll(() => tip.isVisible(), { message: id }).toBe(false);
      }
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });

  it('can be read with the keyboard: Tab to a chart, arrows step through its marks or steps, Escape hides', async () => {
    const o = await open(html, 1280);
    try {
      const tip = o.page.locator('.tip');
      for (const id of [...ANALYSES, 'band-detained']) {
        const plot = o.page.locator(`figure[data-chart="${id}"] .plot`);
        expect(await plot.getAttribute('tabindex'), id).toBe('0');
        expect(await plot.getAttribute('aria-label'), id).toMatch(/: arrow keys read out the values$/);
        await plot.focus();
        await expect.poll(() => tip.isVisible(), { message: id }).toBe(true);
        const first = await tip.textContent();
        await o.page.keyboard.press('ArrowRight');
        const second = await tip.textContent();
        expect(second, id).not.toBe(first);
        await o.page.keyboard.press('ArrowLeft');
        expect(await tip.textContent(), id).toBe(first);
        await o.page.keyboard.press('Escape');
        await expect.poll(() => tip.isVisible(), { message: id }).toBe(false);
      }
      // A time chart steps week by week; End goes to the last week.
      await o.page.locator('figure[data-chart="band-detained"] .plot').focus();
      await o.page.keyboard.press('End');
      const last = await o.page.$eval('figure[data-chart="band-detained"] script.tip-data', (s) => JSON.parse(s.textContent!).panels[0].x.at(-1) as number);
      expect(await tip.locator('b').textContent()).toBe(`week after 2022-01-03 ${last.toLocaleString('en-US')}`);
      await o.page.screenshot({ path: join(OUT, 'report-keyboard-tooltip.png') });
      expect(o.errors).toEqual([]);
    } finally {
      await o.context.close();
    }
  });
});

describe('the report at 420 px', () => {
  it('stacks the charts in one column that fits the screen', async () => {
    const o = await open(html, 420);
    try {
      expect(o.errors).toEqual([]);
      const narrow = o.layout.filter((l) => !l.id.startsWith('regions-') && l.id !== 'attribution');
      for (const l of narrow) {
        expect(l.width, l.id).toBeGreaterThan(330);
        expect(l.left + l.width, l.id).toBeLessThanOrEqual(420);
      }
      const lefts = new Set(narrow.map((l) => l.left));
      expect(lefts.size).toBe(1);
      // Nothing but the small multiples' own scroll boxes is wider than the screen.
      expect(o.pageWidth).toBeLessThanOrEqual(420);
      await shot(o.page, 'report-420.png');
    } finally {
      await o.context.close();
    }
  });
});

describe('the report without JavaScript', () => {
  it('shows every chart, caption and table all the same', async () => {
    const withJs = await open(html, 1280);
    const without = await open(html, 1280, false);
    try {
      expect(without.layout.map((l) => [l.id, l.marks, l.caption])).toEqual(withJs.layout.map((l) => [l.id, l.marks, l.caption]));
      const tables = (p: typeof without.page) => p.$$eval('table', (ts) => ts.map((t) => t.querySelectorAll('tr').length));
      expect(await tables(without.page)).toEqual(await tables(withJs.page));
      expect(await without.page.locator('.tip').count()).toBe(0);
    } finally {
      await withJs.context.close();
      await without.context.close();
    }
  });
});

describe('an early spike', () => {
  it('is cut off the y axis, and the chart says so, instead of flattening what follows', async () => {
    const o = await open(spike, 1280);
    try {
      const c = o.layout.find((l) => l.id === 'band-active')!;
      const stop = Number(/The week-0 peak \(50k\) is cut off: the y axis stops at (\d+) /.exec(c.caption)?.[1]);
      // Just above the rest of the band (its 95 % edge tops out near 1,060), far below the spike.
      expect(stop).toBeGreaterThan(1060);
      expect(stop).toBeLessThan(1600);
      const flat = o.layout.find((l) => l.id === 'band-detained')!;
      expect(flat.caption).not.toMatch(/cut off/);
      const labels = await o.page.$$eval('figure[data-chart="band-active"] svg text', (ts) => ts.map((t) => t.textContent ?? ''));
      expect(labels).toContain(String(stop));
      expect(labels).not.toContain('50k');
      await o.page.locator('figure[data-chart="band-active"]').screenshot({ path: join(OUT, 'report-spike.png') });
    } finally {
      await o.context.close();
    }
  });
});
