import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';

/** A workbench page that records every console error and uncaught exception. */
export async function openWorkbench(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#preset option', { state: 'attached' });
  return { page, errors };
}

/** The step the page says it is at. */
export async function shownStep(page: Page): Promise<number> {
  const text = (await page.textContent('#step-count')) ?? '';
  const m = /step (\d+)/.exec(text);
  return m ? Number(m[1]) : -1;
}

export async function waitForStep(page: Page, atLeast: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => Number(/step (\d+)/.exec(document.getElementById('step-count')?.textContent ?? '')?.[1] ?? -1) >= n,
    atLeast,
    { timeout },
  );
}

/** Waits until the run is stopped (go is offered again or the run is done). */
export async function waitUntilStopped(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.getElementById('pause') as HTMLButtonElement).disabled);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Clicks a download button and returns the file the page offered. */
export async function downloadFile(page: Page, button = '#csv'): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** Pixels of the chart's canvas that are not background: the lines, axes and labels drawn. */
/** Pixels inked on a chart, those of one series, and that series' mean row (0 = the top). */
export async function chartInk(page: Page, rgb: readonly [number, number, number], tolerance = 40, chart = '#chart'): Promise<{ ink: number; series: number; meanRow: number }> {
  return page.evaluate(
    ([r, g, b, tol, selector]) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`);
      if (!canvas) return { ink: 0, series: 0, meanRow: NaN };
      const ctx = canvas.getContext('2d')!;
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      let series = 0;
      let rows = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0 || (data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) continue;
        ink++;
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= tol) {
          series++;
          rows += Math.floor(i / 4 / canvas.width);
        }
      }
      return { ink, series, meanRow: series > 0 ? rows / series : NaN };
    },
    [...rgb, tolerance, chart] as const,
  );
}

/** The colour at the centre of every cell of a square lattice canvas, row by row. */
export async function latticeCells(page: Page, side: number): Promise<number[][]> {
  return page.evaluate((n) => {
    const canvas = document.getElementById('lattice') as HTMLCanvasElement;
    const size = canvas.width / n;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const out: number[][] = [];
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const i = ((y * size + Math.floor(size / 2)) * canvas.width + x * size + Math.floor(size / 2)) * 4;
        out.push([data[i], data[i + 1], data[i + 2]]);
      }
    }
    return out;
  }, side);
}
