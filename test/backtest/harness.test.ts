import { describe, expect, it } from 'vitest';
import { backtestScenario, parseObservedText, stepOfDate, linearTrendAt, compareBacktests } from '../../src/experiment/backtest/index.js';
import { crpsEnsemble } from '../../src/experiment/analysis/index.js';
import { weeklyExecutor, weeklyModel, weeklyScenario } from './weekly-model.js';

const HEADER = 'indicator,time,value,low,high,note';
const figures = (lines: string[]) => parseObservedText([HEADER, ...lines].join('\n'), 'f.csv').figures;

describe('CRPS known answers', () => {
  it('is the absolute error for a point forecast', () => {
    expect(crpsEnsemble([5], 2)).toBe(3);
    expect(crpsEnsemble([7, 7, 7], 10)).toBe(3);
  });

  it('matches the hand-computed value for {1, 2, 3} at 2: 2/3 - 4/9 = 2/9', () => {
    expect(crpsEnsemble([3, 1, 2], 2)).toBeCloseTo(2 / 9, 12);
  });

  it('equals the integral of (F(x) - 1{x >= y})^2 for an ensemble', () => {
    const xs = [0.5, 4, 1.5, 2, 9, 2];
    const y = 3;
    // F is a step function: integrate exactly between the sorted breakpoints.
    const pts = [...xs, y].sort((a, b) => a - b);
    let integral = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      const mid = (pts[i] + pts[i + 1]) / 2;
      const F = xs.filter((x) => x <= mid).length / xs.length;
      integral += (F - (mid >= y ? 1 : 0)) ** 2 * (pts[i + 1] - pts[i]);
    }
    expect(crpsEnsemble(xs, y)).toBeCloseTo(integral, 12);
  });
});

describe('date mapping', () => {
  it('puts t0 + 7 w days on step w and a mid-week date on the next step', () => {
    const s = weeklyScenario.scenario;
    expect(stepOfDate(weeklyModel.clock, s, '2022-01-03')).toEqual({ step: 0 });
    expect(stepOfDate(weeklyModel.clock, s, '2022-01-31')).toEqual({ step: 4 });
    expect(stepOfDate(weeklyModel.clock, s, '2023-01-02')).toEqual({ step: 52 });
    expect(stepOfDate(weeklyModel.clock, s, '2022-01-12')).toEqual({ step: 2 });
    expect(stepOfDate(weeklyModel.clock, s, '2021-12-31')).toMatchObject({ reason: expect.stringMatching(/before the scenario's start/) });
    expect(stepOfDate({ unit: 'step', startDate: () => undefined }, s, '2022-01-12')).toMatchObject({ reason: expect.stringMatching(/no calendar/) });
  });
});

describe('back-test of a scenario', () => {
  const observed = figures([
    'level,2022-01-31,40,39,40,four weeks after t0', // step 4: the model gives 40 or 41
    'level,2022-03-07,100,100,200,nine weeks', // step 9: 90 or 91, outside [100, 200]
    'constant,2022-01-10,103,,,a point forecast of 100',
    'unknown_indicator,2023-01-01,5,,,not in the model',
    'level,2021-06-01,1,,,before t0',
  ]);
  const calibration = figures(['level,2021-12-27,30,,,one week before t0', 'level,2021-12-20,20,,,two weeks before t0', 'constant,2021-12-27,90,,,']);

  it('scores each figure against the ensemble at its week, with baselines from the calibration figures', async () => {
    const r = await backtestScenario(weeklyScenario, observed, { replicates: 40, seed: 7, calibration, executor: weeklyExecutor });
    expect(r.missing).toEqual(['unknown_indicator']);
    expect(r.skipped).toEqual([{ line: 6, indicator: 'level', time: '2021-06-01', reason: expect.stringMatching(/before the scenario's start/) }]);
    expect(r.steps).toBe(9);
    const [w4, w9, c] = r.rows;
    expect(w4.step).toBe(4);
    expect(w9.step).toBe(9);
    // Two-point ensemble {a, a + 1} with share p at a: CRPS = p|a - y| + (1 - p)|a + 1 - y| - p(1 - p).
    const p = 41 - w4.mean; // mean = a + (1 - p) with a = 40
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(w4.crps).toBeCloseTo(p * 0 + (1 - p) * 1 - p * (1 - p), 10);
    expect(w9.crps).toBeCloseTo(p * 10 + (1 - p) * 9 - p * (1 - p), 10);
    expect([w4.p05, w4.p95]).toEqual([40, 41]);
    expect(w4.covered).toBe(true); // [39, 40] touches [40, 41]
    expect(w9.covered).toBe(false); // [100, 200] misses [90, 91]
    expect(c).toMatchObject({ mean: 100, p05: 100, p95: 100, crps: 3, covered: false });
    // Persistence: the last calibration figure (30 for level, 90 for constant).
    expect(w4.persistence).toBe(30);
    expect(w4.crps_persistence).toBe(10);
    expect(w9.crps_persistence).toBe(70);
    expect(c.crps_persistence).toBe(13);
    // Trend: 20 at week -2, 30 at week -1, so 10 a week: 80 at week 4 and 130 at week 9.
    expect(w4.trend).toBeCloseTo(80, 10);
    expect(w9.trend).toBeCloseTo(130, 10);
    expect(c.trend).toBeNull(); // one calibration figure only
    expect(r.coverage).toBeCloseTo(1 / 3, 12);
    expect(r.skill).toBeCloseTo(((1 - w4.crps / 10) + (1 - w9.crps / 70) + (1 - 3 / 13)) / 3, 12);
    expect(r.skill_trend_rows).toBe(2);
  });

  it('gives the same result for the same seed, another for another seed', async () => {
    const run = (seed: number) => backtestScenario(weeklyScenario, observed, { replicates: 40, seed, calibration, executor: weeklyExecutor });
    const [a, b, c] = await Promise.all([run(7), run(7), run(8)]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.rows[0].mean).not.toBe(c.rows[0].mean);
  });

  it('leaves the baselines and skill empty without calibration figures', async () => {
    const r = await backtestScenario(weeklyScenario, observed, { replicates: 4, executor: weeklyExecutor });
    expect(r.rows.every((x) => x.crps_persistence === null && x.crps_trend === null)).toBe(true);
    expect(r.skill).toBeNull();
  });

  it('says which scenario the figures favour, scale-free over the shared rows', () => {
    const row = (indicator: string, crps: number) => ({ indicator, time: '2023-01-01', crps });
    const res = (scenario: string, rows: { indicator: string; time: string; crps: number }[]) =>
      ({ scenario, rows, coverage: 0.5, skill: null }) as unknown as Parameters<typeof compareBacktests>[0][number];
    // a wins the small-unit row, b the large-unit row by less in relative terms: a is favoured.
    const c = compareBacktests([res('a', [row('x', 1), row('y', 1100)]), res('b', [row('x', 3), row('y', 1000), row('z', 5)])]);
    expect(c.shared_rows).toBe(2);
    expect(c.favoured).toBe('a');
    expect(c.standings.map((s) => s.rows_won)).toEqual([1, 1]);
    expect(c.standings[0].relative_crps).toBeCloseTo((1 / 2 + 1100 / 1050) / 2, 12);
  });
});

describe('linear trend', () => {
  it('is the least-squares line, null without two distinct times', () => {
    expect(linearTrendAt([0, 1, 2], [1, 3, 5], 4)).toBeCloseTo(9, 12);
    expect(linearTrendAt([1, 1], [1, 3], 4)).toBeNull();
    expect(linearTrendAt([1], [1], 4)).toBeNull();
  });
});
