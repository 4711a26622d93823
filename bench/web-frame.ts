/**
 * Frame times of the browser workbench: the page drives Epstein's model on a 200x200 lattice
 * at full speed in headless Chromium, and the page's own performance measures (lattice drawing,
 * batch handling, chart redraws) and its animation-frame intervals are read back. Also compares
 * the steps/s figure the page shows with the rate measured from outside over the same time.
 *
 *   node dist/bench/web-frame.js [--seconds N]      (or as the `web-frame` section of npm run bench)
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, Section } from './section.js';
import { formatTable, unavailable, type Table } from './table.js';

const CHROMIUM = '/usr/bin/chromium';
const SIDE = 200;
const FRAME_MS = 16;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function serve(root: string): Promise<{ url: string; close: () => void }> {
  const base = normalize(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base + sep) || !(await stat(file).then((s) => s.isFile(), () => false))) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

interface Measured {
  readonly measures: Record<string, number[]>;
  readonly frameIntervals: number[];
  readonly shownRate: number;
  readonly trueRate: number;
  readonly steps: number;
  /** Median over the run of (figure shown) / (steps counted over the two seconds before). */
  readonly rateRatio: number;
  readonly ratioSamples: number;
}

async function measure(root: string, outDir: string, seconds: number, log: (m: string) => void): Promise<Measured> {
  const { build } = await import('vite');
  log('web-frame: building the workbench');
  await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const site = await serve(outDir);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(site.url);
    await page.waitForSelector('#preset option', { state: 'attached' });
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', 'scenarios/epstein/run2.yaml');
    await page.waitForFunction(() => !(document.getElementById('go') as HTMLButtonElement).disabled);
    await page.evaluate(() => document.querySelectorAll('#params details').forEach((d) => d.setAttribute('open', '')));
    await page.fill('input[type="number"][data-path="grid.width"]', String(SIDE));
    await page.fill('input[type="number"][data-path="grid.height"]', String(SIDE));
    await page.fill('input[type="number"][data-path="steps"]', '1000000');
    await page.locator('#speed').fill('9');
    await page.click('#setup');
    await page.waitForFunction(() => /^step 0 of 1000000$/.test(document.getElementById('step-count')?.textContent ?? ''), null, { timeout: 120_000 });
    log(`web-frame: running ${SIDE}x${SIDE} for ${seconds} s`);
    await page.click('#go');
    // Let the first frames (JIT, first layout) pass before measuring.
    await page.waitForTimeout(1500);
    const result = await page.evaluate(async (ms) => {
      const measures: Record<string, number[]> = {};
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (measures[e.name] ??= []).push(e.duration);
      });
      observer.observe({ entryTypes: ['measure'] });
      const step = () => Number(/step (\d+)/.exec(document.getElementById('step-count')?.textContent ?? '')?.[1] ?? 0);
      const frameIntervals: number[] = [];
      const t0 = performance.now();
      const s0 = step();
      // Every half second: the step counter and the rate the page shows.
      const samples: { t: number; step: number; shown: number }[] = [];
      const sampler = setInterval(() => {
        samples.push({ t: performance.now(), step: step(), shown: Number((document.getElementById('rate')?.textContent ?? '').replace(/[^\d.]/g, '')) });
      }, 500);
      await new Promise<void>((resolve) => {
        let last = performance.now();
        const tick = (now: number) => {
          frameIntervals.push(now - last);
          last = now;
          if (now - t0 < ms) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      clearInterval(sampler);
      const t1 = performance.now();
      const s1 = step();
      observer.disconnect();
      // The page's figure against the pace of the two seconds before it, as an observer counts it.
      const ratios: number[] = [];
      for (const b of samples) {
        const a = samples.find((x) => b.t - x.t >= 1950 && b.t - x.t <= 2550);
        if (a && b.step > a.step && b.shown > 0) ratios.push(b.shown / (((b.step - a.step) * 1000) / (b.t - a.t)));
      }
      ratios.sort((x, y) => x - y);
      const shownRate = samples.length > 0 ? samples[samples.length - 1].shown : NaN;
      return { measures, frameIntervals, shownRate, trueRate: ((s1 - s0) * 1000) / (t1 - t0), steps: s1 - s0, rateRatio: ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)] : NaN, ratioSamples: ratios.length };
    }, seconds * 1000);
    await page.click('#pause');
    return result;
  } finally {
    await browser.close();
    site.close();
  }
}

export const webFrameSection: Section = {
  name: 'web-frame',
  async run(ctx: BenchContext): Promise<Table> {
    const title = `Workbench frame times: Epstein Run 2 on a ${SIDE}x${SIDE} lattice at full speed, headless Chromium`;
    if (!existsSync(CHROMIUM)) return unavailable(title, `${CHROMIUM} is missing (apt-get install chromium)`);
    const seconds = ctx.quick ? 3 : 10;
    const m = await measure(ctx.root, join(ctx.tmpDir, 'web'), seconds, ctx.log);
    const row = (what: string, values: readonly number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { what, n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted[sorted.length - 1] ?? NaN };
    };
    const draw = row('lattice draw (ms)', m.measures['lattice-draw'] ?? []);
    const intervals = row('animation frame interval (ms)', m.frameIntervals);
    const rows = [draw, row('batch handling (ms)', m.measures.batch ?? []), row('chart redraw (ms, at most every 250 ms)', m.measures['chart-draw'] ?? []), intervals];
    const ratio = m.rateRatio;
    return {
      title,
      columns: [
        { key: 'what', label: 'measure' },
        { key: 'n', label: 'n' },
        { key: 'p50', label: 'p50' },
        { key: 'p95', label: 'p95' },
        { key: 'max', label: 'max' },
      ],
      rows,
      notes: [
        `${m.steps} steps in ${seconds} s: ${m.trueRate.toFixed(1)} steps/s on average from the step counter; the page's figure against the count of the two seconds before it: median ratio ${ratio.toFixed(3)} over ${m.ratioSamples} samples (last shown ${m.shownRate})`,
        'lattice draw: palette lookup into a 200x200 image, scaled onto the 480 px canvas, plus the legend counts',
      ],
      checks: [
        { name: 'lattice frame at 200x200', target: `p95 <= ${FRAME_MS} ms`, measured: `${draw.p95.toFixed(2)} ms`, pass: Number.isFinite(draw.p95) ? draw.p95 <= FRAME_MS : null },
        { name: 'animation frames while running', target: `p95 interval <= ${FRAME_MS + 1} ms (60 Hz kept)`, measured: `${intervals.p95.toFixed(1)} ms`, pass: Number.isFinite(intervals.p95) ? intervals.p95 <= FRAME_MS + 1 : null },
        { name: 'steps/s shown vs counted over the same 2 s', target: 'median ratio within 5 %', measured: ratio.toFixed(3), pass: Number.isFinite(ratio) ? Math.abs(ratio - 1) <= 0.05 : null },
      ],
    };
  },
};

// Run on its own: node dist/bench/web-frame.js [--seconds N]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { findRoot } = await import('./paths.js');
  const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-web-frame-'));
  const i = process.argv.indexOf('--seconds');
  const quick = i > 0 && Number(process.argv[i + 1]) <= 3;
  try {
    const table = await webFrameSection.run({ quick, rounds: 1, root: findRoot(), tmpDir, log: (msg) => process.stderr.write(`[bench] ${msg}\n`) });
    process.stdout.write(`${formatTable(table)}\n`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
