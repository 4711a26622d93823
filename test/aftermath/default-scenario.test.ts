import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/random.js';
import { evaluateTargets } from '../../src/experiment/targets.js';
import { at, loadDefault, mean, run, type Run } from './helpers.js';

/**
 * The default scenario against the seed's table (MODEL.md) and the January figures it uses
 * (DATA.md). Real runs, real statistics; 8 replicates at the default scale, as far as the last
 * target date (five years). The replicates are built before any test, so each test stands alone.
 */
const RUNS = 8;
const sc = loadDefault();
const STEPS = Math.ceil((Date.parse('2027-01-04') - Date.parse(sc.t0)) / (7 * 86400000)) + 1;
const runs: Run[] = [];

beforeAll(async () => {
  for (let r = 0; r < RUNS; r++) runs.push(await run(sc, deriveSeed(1, 0, r), [], STEPS));
}, 300_000);

describe('default scenario: kazakhstan-2022', () => {
  it('records every week of its replicates', () => {
    expect(runs.length).toBe(RUNS);
    expect(runs[0].national.rows.length).toBe(STEPS + 1);
  });

  it('meets every target of the seed', () => {
    const results = evaluateTargets(sc, runs);
    expect(results.map((t) => t.id)).toEqual([
      'detained_january', 'stopped_per_detained', 'affected_january', 'outcasts_first_year', 'protest_minded_five_years',
      'list_t0', 'list_five_years', 'sect_recruits_2025', 'affected_almaty',
    ]);
    for (const t of results) expect({ id: t.id, pass: t.pass, mean: t.mean }).toMatchObject({ id: t.id, pass: true });
  });

  it('is consistent with the January figures of DATA.md', () => {
    const wk = (date: string) => Math.ceil((Date.parse(date) - Date.parse(sc.t0)) / (7 * 86400000));
    // about 9,900 detained in January (later official figure)
    expect(mean(runs.map((r) => at(r, 'detained', wk('2022-01-31'))))).toBeGreaterThan(9000);
    expect(mean(runs.map((r) => at(r, 'detained', wk('2022-01-31'))))).toBeLessThan(11000);
    // 238 killed: at 100 people per agent the toll is 200 or 300 in each run, 238 on average
    const killed = runs.map((r) => at(r, 'killed', wk('2022-01-31')));
    expect(Math.abs(mean(killed) - 238)).toBeLessThan(45);
    // 1,205 convicted by 5 January 2023
    const convicted = mean(runs.map((r) => at(r, 'convicted', wk('2023-01-05'))));
    expect(convicted).toBeGreaterThan(800);
    expect(convicted).toBeLessThan(1700);
    // amnesty of 2 November 2022: 1,095 amnestied out of more than 1,500 eligible
    const amnestied = runs.map((r) => at(r, 'amnestied', wk('2022-11-30')));
    expect(Math.abs(mean(amnestied) - 1095)).toBeLessThan(60);
    expect(mean(runs.map((r) => r.model.timeline.amnestyEligible))).toBeGreaterThan(1500);
    // about 30,000 prisoners before January
    for (const r of runs) expect(Math.abs(at(r, 'prisoners', 0) - 30000)).toBeLessThan(1500);
    // Almaty city: about a quarter of the detained, and most of the dead
    const share = (r: Run, region: string, column: string) => {
      const step = wk('2022-01-31');
      const rows = r.regions.rows.filter((row) => row[0] === step);
      const c = r.regions.columns.findIndex((x) => x.name === column);
      const total = rows.reduce((s, row) => s + Number(row[c]), 0);
      return Number(rows.find((row) => row[2] === region)![c]) / total;
    };
    const almatyDetained = mean(runs.map((r) => share(r, 'almaty_city', 'detained')));
    expect(almatyDetained).toBeGreaterThan(0.18);
    expect(almatyDetained).toBeLessThan(0.32);
  });

  it('reports every figure in people: the population adds up to 19.5 million', () => {
    const r = runs[0];
    const c = r.regions.columns.findIndex((x) => x.name === 'region');
    expect(c).toBe(2);
    const total = sc.regions.reduce((s, x) => s + x.population, 0);
    expect(Math.abs(total - 19.5e6)).toBeLessThan(1e5);
    expect(at(r, 'protest_minded', 0) / total).toBeGreaterThan(0.01);
    expect(at(r, 'protest_minded', 0) / total).toBeLessThan(0.02);
  });
});
