import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { experimentCommand } from '../../src/cli/commands/experiment.js';
import { deriveSeed } from '../../src/engine/random.js';
import { quantileSorted } from '../../src/experiment/analysis/stats.js';
import { aftermathView } from '../../src/models/aftermath/view.js';
import { models } from '../../src/models/registry.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { createServer } from '../../src/server/app.js';
import { exportStore } from '../../src/store/export.js';
import { ACTIVE_RGB, BACKGROUND, COP_RGB, GREEN_RGB, isQuietShade, JAILED_RGB } from '../../src/models/civil-violence/view.js';
import type { Rgb } from '../../src/models/view-adapter.js';
import { BAND_RGB, MARKER_RGB } from '../../web/src/colours.js';
import { launchChromium } from './browser.js';
import { chartInk, downloadFile, latticeCells, openWorkbench, shownStep, waitForStep, waitUntilStopped } from './page.js';
import { referenceCsv } from './reference-run.js';
import { serveDirectory } from './static-server.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const RUN2 = 'scenarios/epstein/run2.yaml';
const KAZAKHSTAN = 'scenarios/kazakhstan-2022.yaml';

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  await build({ configFile: `${repo}web/vite.config.ts`, logLevel: 'warn' });
  server = await serveDirectory(`${repo}web/dist`);
  browser = await launchChromium();
  mkdirSync(`${repo}test-output`, { recursive: true });
  mkdirSync(`${repo}docs/images`, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const END = 150;

/** Keeps a screenshot as a test artefact; with UPDATE_DOCS_IMAGES=1 also as the documentation's copy. */
async function keepScreenshot(target: { screenshot(o: { path: string }): Promise<unknown> }, name: string): Promise<void> {
  await target.screenshot({ path: `${repo}test-output/${name}` });
  if (process.env.UPDATE_DOCS_IMAGES === '1') await target.screenshot({ path: `${repo}docs/images/${name}` });
}

const same = (a: Rgb, b: readonly number[]) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
const lastRow = (csv: string) => {
  const lines = csv.trimEnd().split('\n');
  const header = lines[0].split(',');
  const values = lines[lines.length - 1].split(',');
  return Object.fromEntries(header.map((h, i) => [h, values[i]]));
};

/** Classifies every cell's colour; under Epstein's rules each must match the model's counts. */
function expectLatticeMatches(cells: number[][], last: Record<string, string>) {
  const count = { cop: 0, active: 0, quiet: 0, jailed: 0, empty: 0, other: 0 };
  for (const c of cells) {
    if (same(COP_RGB, c)) count.cop++;
    else if (same(ACTIVE_RGB, c)) count.active++;
    else if (same(JAILED_RGB, c)) count.jailed++;
    else if (same(BACKGROUND, c)) count.empty++;
    else if (isQuietShade(c as unknown as Rgb)) count.quiet++;
    else count.other++;
  }
  // One agent per cell, and the jailed are off the lattice.
  expect(count).toEqual({
    cop: Number(last.cops),
    active: Number(last.active),
    quiet: Number(last.quiet),
    jailed: 0,
    empty: cells.length - Number(last.cops) - Number(last.active) - Number(last.quiet),
    other: 0,
  });
  return count;
}

describe('browser workbench', () => {
  test('Epstein Run 2 runs in a Web Worker, identical to Node, and its lattice is drawn in the NetLogo colours', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', RUN2);
    await page.fill('#seed', '7');
    // 20 steps/s: slow enough to pause mid-run on a busy machine, whatever default the run length gives.
    await page.locator('#speed').fill('4');
    // A fixed end, so that the picture (docs/images/workbench.png) is the same on every run.
    await page.fill('input[type="number"][data-path="steps"]', String(END));
    await page.click('#setup');
    await page.waitForFunction((end) => document.getElementById('step-count')?.textContent === `step 0 of ${end}`, END);
    await page.click('#step');
    await waitForStep(page, 1);
    await page.click('#go');
    await waitForStep(page, 20);
    await page.click('#pause');
    await waitUntilStopped(page);
    // The simulation runs off the page's thread, in the bundled worker.
    expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/\/assets\/sim\.worker-[\w-]+\.js$/)]);
    const paused = await shownStep(page);
    expect(paused).toBeGreaterThanOrEqual(20);

    // The run in the browser is the run in Node: same scenario, same seed, same bytes.
    const atPause = await downloadFile(page);
    expect(atPause.name).toBe('run2-seed7.csv');
    expect(atPause.text.trimEnd().split('\n')).toHaveLength(paused + 2);
    expect(atPause.text).toBe(referenceCsv(`${repo}${RUN2}`, 7, paused));
    expectLatticeMatches(await latticeCells(page, 40), lastRow(atPause.text));

    // Going on after a pause continues the same run to the step limit.
    await page.click('#go');
    await page.waitForFunction(() => /\(done\)/.test(document.getElementById('step-count')?.textContent ?? ''));
    await waitUntilStopped(page);
    expect(await shownStep(page)).toBe(END);
    const atEnd = await downloadFile(page);
    expect(atEnd.text).toBe(referenceCsv(`${repo}${RUN2}`, 7, END));

    // The scenario the page ran, saved as a file, is the preset with the edited step limit and
    // gives the same series outside the browser.
    const saved = await downloadFile(page, '#scenario-file');
    expect(saved.name).toBe('run2-seed7.yaml');
    expect(saved.text).toMatch(/^# Saved from the powderkeg workbench \(from scenarios\/epstein\/run2\.yaml\); the same run:\n#   powderkeg run run2-seed7\.yaml --seed 7\n/);
    const savedFile = `${repo}test-output/run2-seed7.yaml`;
    writeFileSync(savedFile, saved.text);
    const original = parseScenarioText(readFileSync(`${repo}${RUN2}`, 'utf8'), RUN2).scenario;
    expect(parseScenarioText(saved.text, savedFile).scenario).toEqual({ ...original, steps: END });
    expect(referenceCsv(savedFile, 7, END)).toBe(atEnd.text);
    const finalCells = await latticeCells(page, 40);
    const count = expectLatticeMatches(finalCells, lastRow(atEnd.text));
    expect(count.cop).toBe(64);
    expect(count.quiet).toBeGreaterThan(500);

    // Clicking an agent inspects it: a cop's cell shows a cop, a quiet citizen's cell its
    // hardship and grievance, G = H (1 - L) (1 - T) under Run 2's rules.
    const inspect = async (index: number) => {
      const cellPx = 480 / 40;
      await page.locator('#lattice').click({ position: { x: ((index % 40) + 0.5) * cellPx, y: (Math.floor(index / 40) + 0.5) * cellPx } });
      await page.waitForFunction((t) => document.getElementById('inspector')?.textContent?.includes(t), `(${index % 40}, ${Math.floor(index / 40)})`);
      return (await page.textContent('#inspector')) ?? '';
    };
    expect(await inspect(finalCells.findIndex((c) => same(COP_RGB, c)))).toMatch(/^cell \(\d+, \d+\) at step 150cop #\d+$/);
    const quiet = await inspect(finalCells.findIndex((c) => isQuietShade(c as unknown as Rgb)));
    expect(quiet).toMatch(/citizen #\d+: quiet/);
    const h = Number(/hardship H ([\d.]+)/.exec(quiet)![1]);
    const g = Number(/grievance G ([\d.]+)/.exec(quiet)![1]);
    expect(g).toBeCloseTo(h * (1 - 0.82) * (1 - 0.1), 2);
    expect(quiet).toMatch(/G - R P = -?[\d.]+ (>|<=) T 0\.100/);

    // The grid's size is in view; hovering a cell describes it; the wheel zooms about the pointer.
    expect(await page.textContent('#grid-size')).toBe('grid 40 \u00d7 40');
    const cop = finalCells.findIndex((c) => same(COP_RGB, c));
    const at = { x: ((cop % 40) + 0.5) * 12, y: (Math.floor(cop / 40) + 0.5) * 12 };
    await page.locator('#lattice').hover({ position: at });
    await page.waitForSelector('#hover-tip:not([hidden])');
    expect(await page.textContent('#hover-tip')).toBe(`(${cop % 40}, ${Math.floor(cop / 40)})${await page.textContent('#hover-tip .agent')}`);
    expect(await page.textContent('#hover-tip .agent')).toMatch(/^cop #\d+$/);
    await page.mouse.wheel(0, -100);
    await page.waitForFunction(() => document.getElementById('zoom-level')?.textContent !== 'zoom 1.0\u00d7');
    await page.locator('#lattice').hover({ position: { x: at.x + 1, y: at.y } });
    await page.waitForFunction((t) => document.getElementById('hover-tip')?.textContent?.startsWith(t), `(${cop % 40}, ${Math.floor(cop / 40)})`);
    await page.click('#zoom-fit');
    expect(await page.textContent('#zoom-level')).toBe('zoom 1.0\u00d7');
    await page.mouse.move(0, 0);

    // Accessible names: the lattice and the chart say what they show; the counts are read out.
    expect(await page.getAttribute('#lattice', 'aria-label')).toMatch(/^Lattice of 40 by 40 cells at step 150: .*active \d+, cop 64$/);
    expect(await page.getAttribute('#summary', 'aria-live')).toBe('polite');
    const last = lastRow(atEnd.text);
    expect(await page.textContent('#summary')).toBe(`step 150 of 150: quiet ${Number(last.quiet).toLocaleString('en')}, active ${last.active}, jailed ${last.jailed}, tension ${Number(last.tension).toPrecision(3)}`);

    // The chart throttles its redraws; give it the last one.
    await page.waitForTimeout(400);
    const ink = await chartInk(page, GREEN_RGB);
    expect(ink.ink).toBeGreaterThan(2000);
    expect(ink.series).toBeGreaterThan(100);
    expect(await page.getAttribute('#chart', 'aria-label')).toMatch(/^Line chart over 151 steps, latest values: quiet [\d,]+, active \d+, jailed \d+, tension [\d.]+$/);
    await page.locator('body').screenshot({ path: `${repo}test-output/workbench-epstein.png` });
    // The documentation's copy is only rewritten on request: form widgets render a few pixels
    // differently from run to run, and a test should not leave the work tree modified.
    if (process.env.UPDATE_DOCS_IMAGES === '1' || !existsSync(`${repo}docs/images/workbench.png`)) {
      await page.locator('body').screenshot({ path: `${repo}docs/images/workbench.png` });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  test('legitimacy and cop density changed during a run are kept as schedule entries that replay it exactly', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', RUN2);
    await page.fill('#seed', '3');
    // 10 steps/s: 60 steps must not end before the pause on a loaded machine.
    await page.locator('#speed').fill('3');
    await page.fill('input[type="number"][data-path="steps"]', '60');
    await page.click('#setup');
    await page.waitForFunction(() => document.getElementById('step-count')?.textContent === 'step 0 of 60');
    await page.click('#go');
    await waitForStep(page, 10);
    await page.click('#pause');
    await waitUntilStopped(page);
    const before = await shownStep(page);
    await page.waitForTimeout(400);
    expect((await chartInk(page, MARKER_RGB, 30)).series).toBeLessThan(10);
    const stepOnce = async () => {
      const n = await shownStep(page);
      await page.click('#step');
      await waitForStep(page, n + 1);
    };
    await page.fill('input[type="number"][data-path="legitimacy"]', '0.6');
    // Leaving the box commits the value (the change event), as a slider's release does.
    await page.press('input[type="number"][data-path="legitimacy"]', 'Tab');
    for (let i = 0; i < 3; i++) await stepOnce();
    await page.evaluate(() => document.querySelector<HTMLElement>('.field[data-path="cops.density"]')!.closest('details')!.setAttribute('open', ''));
    await page.fill('input[type="number"][data-path="cops.density"]', '0.06');
    await page.press('input[type="number"][data-path="cops.density"]', 'Tab');
    await stepOnce();
    await page.click('#go');
    await page.waitForFunction(() => /\(done\)/.test(document.getElementById('step-count')?.textContent ?? ''));
    await waitUntilStopped(page);

    // Each change is marked on the chart at its step, listed, and its parameter's series shown.
    expect(await page.$$eval('#changes li', (li) => li.map((l) => l.textContent))).toEqual([
      `step ${before + 1}: legitimacy set to 0.6`,
      `step ${before + 4}: cops.density set to 0.06`,
    ]);
    const chips = await page.$$eval('#series-chips .chip', (c) => c.map((x) => (x as HTMLElement).dataset.series));
    expect(chips).toEqual(expect.arrayContaining(['legitimacy', 'cops']));
    await page.check('#fix-y');
    await page.waitForTimeout(400);
    expect((await chartInk(page, MARKER_RGB, 30)).series).toBeGreaterThan(100);
    expect(await page.getAttribute('#chart', 'aria-label')).toMatch(/; 2 live changes marked$/);
    await keepScreenshot(page.locator('.views'), 'workbench-live-change.png');

    const csv = await downloadFile(page);
    const saved = await downloadFile(page, '#scenario-file');
    const savedFile = `${repo}test-output/run2-seed3-live.yaml`;
    writeFileSync(savedFile, saved.text);
    const scenario = parseScenarioText(saved.text, savedFile).scenario as { schedule: unknown[]; legitimacy: number };
    expect(scenario.schedule).toEqual([
      { param: 'legitimacy', at: before + 1, value: 0.6 },
      { param: 'cops.density', at: before + 4, value: 0.06 },
    ]);
    // The form's value at setup stays the scenario's; the change is in the schedule.
    expect(scenario.legitimacy).toBe(0.82);
    expect(csv.text).toBe(referenceCsv(savedFile, 3, 60));
    const rows = csv.text.trimEnd().split('\n').slice(1).map((l) => l.split(','));
    const header = csv.text.split('\n')[0].split(',');
    const col = (name: string) => rows.map((r) => Number(r[header.indexOf(name)]));
    expect(col('legitimacy').slice(0, before + 1).every((v) => v === 0.82)).toBe(true);
    expect(col('legitimacy').slice(before + 1).every((v) => v === 0.6)).toBe(true);
    expect(col('cops')[before + 3]).toBe(64);
    expect(col('cops').slice(before + 4).every((v) => v === 96)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the aftermath model runs with a mechanism switched off: national chart, region table, CSV identical to Node', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.selectOption('#model', 'aftermath');
    await page.selectOption('#preset', KAZAKHSTAN);
    await page.uncheck('input[data-mechanism="M7"]');
    await page.fill('input[type="number"][data-path="horizon"]', '30');
    await page.locator('#speed').fill('9');
    await page.click('#setup');
    await page.waitForFunction(() => /step 0 of 30/.test(document.getElementById('step-count')?.textContent ?? ''), null, { timeout: 30_000 });
    await page.click('#go');
    await page.waitForFunction(() => /\(done\)/.test(document.getElementById('step-count')?.textContent ?? ''), null, { timeout: 30_000 });
    await waitUntilStopped(page);
    expect(await shownStep(page)).toBe(30);

    const csv = await downloadFile(page);
    expect(csv.text).toBe(referenceCsv(`${repo}${KAZAKHSTAN}`, 1, 30, { set: ['horizon=30'], disable: ['M7'] }));
    const withM7 = referenceCsv(`${repo}${KAZAKHSTAN}`, 1, 30, { set: ['horizon=30'] });
    expect(csv.text).not.toBe(withM7);

    const scenario = parseScenarioText(readFileSync(`${repo}${KAZAKHSTAN}`, 'utf8'), KAZAKHSTAN).scenario as { regions: { id: string }[] };
    await page.waitForSelector('#regions table');
    const regionIds = await page.$$eval('#regions tbody tr', (rows) => rows.map((r) => r.querySelector('td')?.textContent));
    expect(regionIds).toEqual(scenario.regions.map((r) => r.id));
    expect(await page.isHidden('#lattice-box')).toBe(true);

    // The regions as discs sized by an indicator, at the step the scrubber picks.
    await page.waitForSelector('#region-map g.region');
    expect(await page.$$eval('#region-map g.region', (g) => g.map((x) => (x as SVGGElement).dataset.region))).toEqual(scenario.regions.map((r) => r.id));
    const sizeBy = await page.$eval('#region-size', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent ?? '');
    const regionRows = (await downloadFile(page, '#csv-groups')).text.trimEnd().split('\n');
    const head = regionRows[0].split(',');
    const atWeek = (week: number) => regionRows.slice(1).map((l) => l.split(',')).filter((r) => Number(r[0]) === week);
    await page.locator('#region-scrubber').fill('3');
    await page.waitForFunction(() => document.querySelector('#region-map output')?.textContent?.startsWith('3 ('));
    const titles = await page.$$eval('#region-map g.region title', (t) => t.map((x) => x.textContent ?? ''));
    const size = head.indexOf(sizeBy.replace(/ /g, '_'));
    expect(titles.map((t) => t.split(', ')[0])).toEqual(atWeek(3).map((r) => `${r[head.indexOf('region')]}: ${sizeBy} ${Number(r[size]).toLocaleString('en')}`));
    await page.locator('#region-scrubber').fill('30');
    await page.waitForFunction(() => document.querySelector('#region-map output')?.textContent?.startsWith('30 ('));
    expect(await page.getAttribute('#region-map svg', 'aria-label')).toMatch(/^Map of 8 groups at step 30 /);

    // The network: kin and friend ties of a sample, coloured by state, as the model's own sample says.
    await page.waitForSelector('#network-box svg circle');
    const model = (() => {
      const valid = parseScenarioText(readFileSync(`${repo}${KAZAKHSTAN}`, 'utf8'), KAZAKHSTAN, { set: ['horizon=30'] });
      const m = valid.model.create(valid.scenario, 1, { disable: ['M7'] });
      while (m.stepCount < 30) m.step();
      return m;
    })();
    const sample = aftermathView.network!(model, 150);
    expect(await page.$$eval('#network-box svg circle', (c) => c.map((x) => x.getAttribute('data-state')))).toEqual(sample.nodes.map((n) => n.state));
    expect(await page.$$eval('#network-box svg line', (l) => l.length)).toBe(sample.edges.length);
    expect(new Set(sample.edges.map((e) => e.kind))).toEqual(new Set(['household', 'friend']));
    expect(new Set(sample.nodes.map((n) => n.state)).size).toBeGreaterThan(1);

    const groups = await downloadFile(page, '#csv-groups');
    expect(groups.text.trimEnd().split('\n')).toHaveLength(1 + 31 * scenario.regions.length);
    const ink = await chartInk(page, ACTIVE_RGB);
    expect(ink.ink).toBeGreaterThan(2000);
    // On a log axis the small counts rise off the floor: the active series, a week-1 spike over a
    // plateau an order of magnitude lower, sits higher on the canvas.
    await page.check('#log-scale');
    await page.waitForTimeout(300);
    const logInk = await chartInk(page, ACTIVE_RGB);
    expect(logInk.series).toBeGreaterThan(100);
    expect(logInk.meanRow).toBeLessThan(ink.meanRow - 20);
    await keepScreenshot({ screenshot: (o) => page.screenshot({ ...o, fullPage: true }) }, 'workbench-aftermath.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('every bundled scenario sets up in the browser with its own step limit', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    const offered = await page.$$eval('#model option', (o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(offered).toEqual(models.map((m) => m.id));
    const seen: string[] = [];
    for (const model of offered) {
      await page.selectOption('#model', model);
      const presets = await page.$$eval('#preset option', (o) => o.map((x) => (x as HTMLOptionElement).value));
      for (const file of presets) {
        await page.selectOption('#preset', file);
        await page.waitForFunction(
          () => !(document.getElementById('go') as HTMLButtonElement).disabled || document.querySelector('#problems li') !== null,
          null,
          { timeout: 30_000 },
        );
        const valid = parseScenarioText(readFileSync(`${repo}${file}`, 'utf8'), file);
        expect({ file, problems: await page.$$eval('#problems li', (li) => li.map((l) => l.textContent)) }).toEqual({ file, problems: [] });
        expect(await page.textContent('#step-count')).toBe(`step 0 of ${valid.model.defaultSteps(valid.scenario)}`);
        seen.push(file);
      }
    }
    expect(seen).toEqual(expect.arrayContaining([RUN2, KAZAKHSTAN, ...[1, 3, 4, 5, 6, 7, 8].map((n) => `scenarios/epstein/run${n}.yaml`)]));
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a parameter out of range is refused with its field path, as the CLI refuses it', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', RUN2);
    await page.waitForFunction(() => !(document.getElementById('go') as HTMLButtonElement).disabled);
    await page.fill('input[type="number"][data-path="legitimacy"]', '1.5');
    await page.click('#setup');
    await page.waitForSelector('#problems li');
    const problems = await page.$$eval('#problems li', (li) => li.map((l) => l.textContent));
    expect(problems).toEqual([`${RUN2}: legitimacy: expected a number of at most 1, found the number 1.5; lower it`]);
    expect(await page.isVisible('.field.invalid[data-path="legitimacy"]')).toBe(true);
    expect(await page.isDisabled('#go')).toBe(true);

    // Reloading the scenario discards the edit and sets up again.
    await page.click('#reload');
    await page.waitForFunction(() => !(document.getElementById('go') as HTMLButtonElement).disabled);
    expect(await page.inputValue('input[type="number"][data-path="legitimacy"]')).toBe('0.82');
    expect(await page.$$('#problems li')).toHaveLength(0);
    expect(await page.isVisible('.field.invalid')).toBe(false);

    // A change during a run that would make the scenario invalid is refused; the run stays.
    await page.evaluate(() => document.querySelector<HTMLElement>('.field[data-path="cops.density"]')!.closest('details')!.setAttribute('open', ''));
    await page.fill('input[type="number"][data-path="cops.density"]', '1.5');
    await page.press('input[type="number"][data-path="cops.density"]', 'Tab');
    await page.waitForSelector('#problems li');
    const refused = await page.$$eval('#problems li', (li) => li.map((l) => l.textContent));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(new RegExp(`^${RUN2}: cops\\.density: .*0\\.\\.1`));
    expect(await page.isDisabled('#go')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
  test('an ensemble runs in a pool of Web Workers: every run overlaid, and the band is the quantiles Node computes', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    const workerPaths: string[] = [];
    page.on('worker', (w) => workerPaths.push(new URL(w.url()).pathname));
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', RUN2);
    await page.waitForFunction(() => !(document.getElementById('go') as HTMLButtonElement).disabled);
    await page.click('#tab-compare');
    await page.fill('#compare-runs', '4');
    await page.fill('#compare-seed', '11');
    await page.fill('#compare-steps', '60');
    await page.selectOption('#compare-indicator', 'active');
    await page.click('#compare-run');
    await page.waitForFunction(() => /^4 of 4 runs, seeds/.test(document.getElementById('compare-progress')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(workerPaths.filter((p) => /\/assets\/run\.worker-[\w-]+\.js$/.test(p)).length).toBeGreaterThanOrEqual(2);

    // The same four runs in Node, seeded as an ensemble experiment seeds its replicates.
    const finals = [0, 1, 2, 3].map((r) => Number(lastRow(referenceCsv(`${repo}${RUN2}`, deriveSeed(11, 0, r), 60)).active)).sort((a, b) => a - b);
    const q = (p: number) => quantileSorted(finals, p).toPrecision(4);
    expect(await page.getAttribute('#compare-chart', 'aria-label')).toBe(
      `Ensemble of 4 runs of active: at step 60 the median is ${q(0.5)}, 5-95 % of runs between ${q(0.05)} and ${q(0.95)}`,
    );
    const band = await chartInk(page, BAND_RGB, 60, '#compare-chart');
    expect(band.series).toBeGreaterThan(300);
    await keepScreenshot(page.locator('.views'), 'workbench-compare.png');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a sweep in the browser gives the runs CSV the CLI gives for the same design and seeds, and an experiment file that re-runs it', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.selectOption('#model', 'civil-violence');
    await page.selectOption('#preset', RUN2);
    await page.waitForFunction(() => !(document.getElementById('go') as HTMLButtonElement).disabled);
    // An edit of the scenario travels into the experiment file as a set: entry.
    await page.fill('input[type="number"][data-path="threshold"]', '0.11');
    await page.press('input[type="number"][data-path="threshold"]', 'Tab');
    await page.click('#tab-sweep');
    await page.selectOption('#sweep-path-0', 'legitimacy');
    await page.fill('#sweep-min-0', '0.7');
    await page.fill('#sweep-max-0', '0.9');
    await page.fill('#sweep-levels-0', '3');
    await page.selectOption('#sweep-path-1', 'cops.density');
    await page.fill('#sweep-min-1', '0.02');
    await page.fill('#sweep-max-1', '0.04');
    await page.fill('#sweep-levels-1', '2');
    await page.fill('#sweep-replicates', '2');
    await page.fill('#sweep-seed', '5');
    await page.fill('#sweep-steps', '40');
    await page.selectOption('#sweep-stat', 'first_passage');
    await page.selectOption('#sweep-indicator', 'active');
    await page.fill('#sweep-level', '50');
    await page.click('#sweep-run');
    await page.waitForFunction(() => /^done: 12 runs$/.test(document.getElementById('sweep-progress')?.textContent ?? ''), null, { timeout: 60_000 });
    const csv = await downloadFile(page, '#sweep-csv');
    const yaml = await downloadFile(page, '#sweep-yaml');
    expect(csv.name).toBe('workbench_sweep-runs.csv');
    expect(yaml.text).toMatch(/\nset:\n  threshold: 0\.11\n/);
    await page.waitForTimeout(300);
    await keepScreenshot(page.locator('.views'), 'workbench-sweep.png');
    expect(await page.getAttribute('#sweep-chart', 'aria-label')).toMatch(/^Heatmap of first_passage_active/);

    // The experiment file, saved beside scenarios/, run and exported by the CLI.
    const dir = `${repo}test-output/workbench-sweep`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = `${repo}test-output/workbench_sweep.yaml`;
    writeFileSync(file, yaml.text);
    // The commands' own code, in this process (no build needed): experiment on this thread, then export.
    const ran = await experimentCommand(file, { db: `${dir}/store.duckdb`, workers: '0', json: true });
    expect({ runs: ran.runs, failed: ran.failed }).toEqual({ runs: 12, failed: 0 });
    await exportStore(`${dir}/store.duckdb`, { format: 'csv', tables: ['runs'], outDir: dir });
    const exported = readFileSync(`${dir}/runs.csv`, 'utf8');
    expect(exported.split('\n')[0].endsWith(',steps,elapsed_ms')).toBe(true);
    // elapsed_ms, last, is a measurement of wall time: the one column that differs between identical runs.
    const withoutElapsed = exported.replace(/,[^,\n]*$/gm, '');
    expect(csv.text.split('\n')[0]).toBe('run_id,row,replicate,seed,status,error,legitimacy,cops_density,first_passage_active,steps');
    expect(csv.text.trimEnd().split('\n')).toHaveLength(13);
    expect(csv.text).toBe(withoutElapsed);
    expect(errors).toEqual([]);
    await page.close();

    // The same store in the store browser of the page as powderkeg serve serves it.
    const served = await createServer({ dir, host: '127.0.0.1', workers: 0, webDist: `${repo}web/dist` });
    const address = await served.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { page: browse, errors: browseErrors } = await openWorkbench(browser, `${address}/`);
      await browse.click('#tab-stores');
      await browse.click('button[data-store="store.duckdb"]');
      await browse.waitForSelector('#store-detail table');
      expect(await browse.$$eval('#store-detail tbody tr', (r) => r.length)).toBe(12);
      expect(await browse.$$eval('#store-detail thead th', (h) => h.map((x) => x.textContent))).toEqual([...csv.text.split('\n')[0].split(','), 'elapsed_ms']);
      await keepScreenshot(browse.locator('.views'), 'workbench-stores.png');
      expect(browseErrors).toEqual([]);
      await browse.close();
    } finally {
      await served.app.close();
    }
  }, 240_000);

  test('the stores view says how to get stores when the page is not served by powderkeg serve', async () => {
    const { page, errors } = await openWorkbench(browser, server.url);
    await page.click('#tab-stores');
    await page.waitForFunction(() => /powderkeg serve --dir/.test(document.getElementById('store-list')?.textContent ?? ''));
    // The probe's 404 is the static host's answer, logged by the browser; nothing else may fail.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });
});
