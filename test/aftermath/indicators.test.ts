import { describe, expect, it } from 'vitest';
import { aftermath } from '../../src/models/aftermath/index.js';
import { at, loadDefault, run } from './helpers.js';

const OBSERVED = [
  'extremist_list', 'list_additions_per_year', 'extremism_court_cases', 'permanent_emigration_per_year', 'prison_population_total',
  'amnestied_january_participants', 'explosions', 'unrest_events_small', 'unrest_events_medium', 'unrest_events_large',
];

describe('indicators defined as they are observed', () => {
  const sc = loadDefault(['scale=500', 'burnIn=0']);

  it('are named columns with units, known from the scenario alone and identical to the running model', () => {
    const columns = aftermath.columns(sc);
    const names = columns.map((c) => c.name);
    for (const name of OBSERVED) expect(names).toContain(name);
    for (const c of columns) expect(c.unit, c.name).toBeTruthy();
    expect(aftermath.create(sc, 1).columns).toEqual(columns);
    expect(new Set(names).size).toBe(names.length);
  });

  it('report per-year flows as trailing 52-week sums of the cumulative counts', async () => {
    // Nobody leaves the list here, so that its change is what was added.
    const r = await run(loadDefault(['scale=500', 'burnIn=0', 'mechanisms.M7.listExit=0']), 3, [], 130);
    const week = 120;
    // Everyone convicted on extremism charges is put on the list; the list grows by what is added.
    const additions = at(r, 'list_additions_per_year', week);
    expect(additions).toBe(at(r, 'extremist_list', week) - at(r, 'extremist_list', week - 52));
    expect(additions).toBeGreaterThan(0);
    expect(at(r, 'extremism_court_cases', 60)).toBeGreaterThan(0);
    // The baseline alone is about emigrationPerYear a year, never less than the political exits.
    const political = at(r, 'emigrated', week) - at(r, 'emigrated', week - 52);
    const all = at(r, 'permanent_emigration_per_year', week);
    expect(all - political).toBeGreaterThan(0.7 * sc.population.emigrationPerYear);
    expect(all - political).toBeLessThan(1.3 * sc.population.emigrationPerYear);
    expect(at(r, 'prison_population_total', 0)).toBe(at(r, 'prisoners', 0));
    expect(at(r, 'amnestied_january_participants', week)).toBeGreaterThan(0);
    // Every explosion is a large unrest event or on its way to be one: never more explosions than events.
    const events = ['small', 'medium', 'large'].reduce((s, k) => s + at(r, `unrest_events_${k}`, week), 0);
    expect(events).toBeGreaterThanOrEqual(at(r, 'explosions', week));
    expect(events).toBeGreaterThan(0);
  });
});
