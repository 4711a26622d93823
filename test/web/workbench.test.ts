import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { models } from '../../src/models/registry.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { ACTIVE_RGB, BACKGROUND, COP_RGB, GREEN_RGB, isQuietShade, JAILED_RGB } from '../../src/models/civil-violence/view.js';
import type { Rgb } from '../../src/models/view-adapter.js';
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

    // The chart throttles its redraws; give it the last one.
    await page.waitForTimeout(400);
    const ink = await chartInk(page, GREEN_RGB);
    expect(ink.ink).toBeGreaterThan(2000);
    expect(ink.series).toBeGreaterThan(100);
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
    await page.fill('input[type="number"][data-path="steps"]', '60');
    await page.click('#setup');
    await page.waitForFunction(() => document.getElementById('step-count')?.textContent === 'step 0 of 60');
    await page.click('#go');
    await waitForStep(page, 10);
    await page.click('#pause');
    await waitUntilStopped(page);
    const before = await shownStep(page);
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

    const groups = await downloadFile(page, '#csv-groups');
    expect(groups.text.trimEnd().split('\n')).toHaveLength(1 + 31 * scenario.regions.length);
    const ink = await chartInk(page, ACTIVE_RGB);
    expect(ink.ink).toBeGreaterThan(2000);
    // On a log axis the small counts rise off the floor: more of the active series shows.
    await page.check('#log-scale');
    await page.waitForTimeout(300);
    const logInk = await chartInk(page, ACTIVE_RGB);
    expect(logInk.series).toBeGreaterThan(ink.series);
    await page.screenshot({ path: `${repo}test-output/workbench-aftermath.png`, fullPage: true });
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
});
