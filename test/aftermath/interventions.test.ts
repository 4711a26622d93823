import { describe, expect, it } from 'vitest';
import type { AftermathScenario } from '../../src/models/aftermath/index.js';
import { at, loadDefault, run } from './helpers.js';

/** Each kind of intervention on the timeline moves what it should (default scenario, coarse scale). */
const base = loadDefault(['scale=400', 'horizon=120', 'burnIn=0']);
const withInterventions = (...extra: AftermathScenario['interventions']) => {
  const sc = structuredClone(base);
  sc.interventions.push(...extra);
  return sc;
};

describe('interventions', () => {
  it('a legitimacy reform lowers the protest-minded; a hardship shock raises them while it lasts', async () => {
    const ref = await run(base, 1);
    const reform = await run(withInterventions({ type: 'legitimacy', date: '2022-06-06', change: 0.002 }), 1);
    expect(at(reform, 'legitimacy', 30)).toBeGreaterThan(at(ref, 'legitimacy', 30) + 0.0015);
    expect(at(reform, 'protest_minded', 30)).toBeLessThan(0.9 * at(ref, 'protest_minded', 30));
    const shock = await run(withInterventions({ type: 'hardship', date: '2022-06-06', factor: 1.01, weeks: 2, regions: ['rest'] }), 1);
    expect(at(shock, 'protest_minded', 22)).toBeGreaterThan(at(ref, 'protest_minded', 22) * 1.05);
  }, 30_000);

  it('closing every destination stops emigration; heavier policing deters activity (Davenport 2007)', async () => {
    const ref = await run(base, 2);
    const closed = withInterventions(
      ...base.mechanisms.M10.destinations.map((d) => ({ type: 'destination' as const, date: '2022-01-03', destination: d.id, acceptance: 0 })),
    );
    const r = await run(closed, 2);
    expect(at(r, 'emigrated', 120)).toBe(0);
    expect(at(ref, 'emigrated', 120)).toBeGreaterThan(0);
    const hard = await run(withInterventions({ type: 'repression', date: '2022-03-07', intensity: 6 }), 2);
    const soft = await run(withInterventions({ type: 'repression', date: '2022-03-07', intensity: 0.5 }), 2);
    const activity = (x: typeof ref) => x.national.numbers('active').slice(10).reduce((s, v) => s + v, 0);
    // The arrest risk is already near 1 for a lone protester at normal policing (C / (A + 1) = 4),
    // so twelve times the police deter, but far less than in proportion.
    expect(activity(hard)).toBeLessThan(activity(soft));
  }, 30_000);

  it('attention frees peaceful prisoners; a city-wide scheduled trigger sets off an explosion and a crackdown', async () => {
    const sc = structuredClone(base);
    sc.mechanisms.M8.prisonShare.peaceful = 1;
    sc.interventions = sc.interventions.filter((i) => i.type !== 'attention' && i.type !== 'amnesty');
    const none = structuredClone(sc);
    none.mechanisms.M8.attention = 0;
    const full = structuredClone(sc);
    full.mechanisms.M8.attention = 1;
    const a = await run(none, 3);
    const b = await run(full, 3);
    // Summed over the weeks after the first trials: at this scale a single week is a handful of agents.
    const held = (x: typeof a) => x.national.numbers('prisoners_political').slice(30, 111).reduce((s, v) => s + v, 0);
    expect(held(b)).toBeLessThan(held(a));
    const ref = await run(base, 4);
    // A trigger that catches up the whole city with a crowd no arrest risk survives (a January):
    // every protest-minded resident acts. A local one of the default reach would not (see explosion-trigger).
    const spark = await run(withInterventions({ type: 'spark', date: '2023-06-05', size: 1e6, reach: 2_030_285, regions: ['almaty_city'] }), 4);
    const week = 74;
    expect(at(spark, 'explosions', week + 1)).toBeGreaterThan(at(ref, 'explosions', week + 1));
    expect(at(spark, 'detained', week + 6)).toBeGreaterThan(at(ref, 'detained', week + 6) + 500);
  }, 30_000);
});
