import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/random.js';
import { evaluateTargets } from '../../src/experiment/targets.js';
import { at, loadDefault, mean, run, type Run } from './helpers.js';

/**
 * The data scenario (kazakhstan-2022.yaml) against the figures of DATA.md dated in 2022. Real
 * runs, real statistics; 8 replicates at the default scale through the first year. The
 * replicates are built before any test, so each test stands alone and in any order.
 */
const RUNS = 8;
const sc = loadDefault();
const wk = (date: string) => Math.ceil((Date.parse(date) - Date.parse(sc.t0)) / (7 * 86400000));
const STEPS = wk('2023-01-09');
const runs: Run[] = [];

beforeAll(async () => {
  for (let r = 0; r < RUNS; r++) runs.push(await run(sc, deriveSeed(1, 0, r), [], STEPS));
}, 300_000);

describe('data scenario: kazakhstan-2022', () => {
  it('records every week of its replicates', () => {
    expect(runs.length).toBe(RUNS);
    expect(runs[0].national.rows.length).toBe(STEPS + 1);
  });

  it('every 2022 figure it was sized to overlaps the 90 % interval of its runs', () => {
    const results = evaluateTargets(sc, runs);
    expect(results.map((t) => t.id)).toEqual(['detained_january', 'killed_january', 'convicted_first_year', 'amnestied_2022', 'detained_shymkent']);
    // The convictions were published on 5 January 2023, after the cut-off: a validation figure.
    const role = (id: string) => (id === 'convicted_first_year' ? 'validation' : 'calibration');
    for (const t of results) expect({ id: t.id, role: t.role, pass: t.pass }).toEqual({ id: t.id, role: role(t.id), pass: true });
  });

  it('is consistent with the other January figures of DATA.md', () => {
    // amnesty of 2 November 2022: more than 1,500 eligible
    expect(mean(runs.map((r) => r.model.timeline.amnestyEligible))).toBeGreaterThan(1500);
    // about 30,000 prisoners before January, after the burn-in too
    // (at this scale a run holds about 300 prisoner agents, so one run is within about 3,400 at 2 sd)
    expect(Math.abs(mean(runs.map((r) => at(r, 'prison_population_total', 0))) - 30000)).toBeLessThan(1500);
    for (const r of runs) expect(Math.abs(at(r, 'prison_population_total', 0) - 30000)).toBeLessThan(5000);
    // Almaty city: about a quarter of the detained
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
    // Legitimacy was set for about 1.5 % protest-minded; the burn-in's prisons and preachers add some.
    expect(at(r, 'protest_minded', 0) / total).toBeGreaterThan(0.01);
    expect(at(r, 'protest_minded', 0) / total).toBeLessThan(0.03);
  });
});
