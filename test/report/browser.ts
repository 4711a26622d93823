import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface OpenedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  /** Requests for anything but the report file itself: a self-contained report makes none. */
  readonly outsideRequests: string[];
}

export async function openReport(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `file://${file}`) return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  return { page, consoleErrors, outsideRequests };
}

export interface ChartMarks {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly paths: number;
  readonly polygons: number;
  /** Data elements ECharts tags with their series index (bars, points, heatmap cells, custom marks). */
  readonly dataMarks: number;
  readonly texts: string[];
}

/** What each inlined chart drew, as the browser laid it out. */
export function chartMarks(page: Page): Promise<ChartMarks[]> {
  return page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: f.getAttribute('data-chart') ?? '',
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        paths: svg ? svg.querySelectorAll('path').length : 0,
        polygons: svg ? svg.querySelectorAll('polygon').length : 0,
        dataMarks: svg ? svg.querySelectorAll('[ecmeta_ssr_type="chart"]').length : 0,
        texts: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '') : [],
      };
    }),
  );
}
