import { describe, expect, it } from 'vitest';
import { readObservedFile, stepOfDate } from '../../src/experiment/backtest/index.js';
import { loadExperiment } from '../../src/experiment/load.js';

/**
 * The aftermath calibration fits only figures of data/observed/calibration-2022.csv, all dated
 * and published by 2022-12-31, each read at the week its date falls on. Which CSV row a target
 * stands for is named here; the test fails if a target drifts from its row.
 */
const SOURCE: Record<string, { indicator: string; time: string }> = {
  detained_2022_01_10: { indicator: 'detained', time: '2022-01-10' },
  detained_2022_01_12: { indicator: 'detained', time: '2022-01-12' },
  emigration_2022_q1: { indicator: 'permanent_emigration_quarter', time: '2022-03-31' },
  emigration_2022_h1: { indicator: 'permanent_emigration_half_year', time: '2022-06-30' },
};

describe('aftermath calibration data', () => {
  const figures = readObservedFile('data/observed/calibration-2022.csv');

  it('has a citation on every row and nothing dated after 2022', () => {
    for (const f of figures) {
      expect(f.note.length, `line ${f.line}`).toBeGreaterThan(20);
      expect(f.date! <= '2022-12-31', `line ${f.line}`).toBe(true);
    }
  });

  it('fits each target to its calibration row, at the week of its date', () => {
    const x = loadExperiment('experiments/aftermath-calibration.yaml');
    const c = x.experiment.calibration!;
    expect(c.targets.map((t) => t.summary).sort()).toEqual(Object.keys(SOURCE).sort());
    for (const t of c.targets) {
      const src = SOURCE[t.summary];
      const row = figures.find((f) => f.indicator === src.indicator && f.time === src.time);
      expect(row, t.summary).toBeDefined();
      if (t.range) expect(t.range).toEqual([row!.low, row!.high]);
      else expect([t.observed, t.observed]).toEqual([row!.low, row!.high]);
      const summary = x.experiment.outputs.summaries.find((s) => s.name === t.summary)!;
      expect(summary.stat).toBe('value_at');
      const { step } = stepOfDate(x.scenario.model.clock, x.scenario.scenario, src.time) as { step: number };
      expect((summary as { at: number }).at, t.summary).toBe(step);
      expect(step).toBeLessThanOrEqual(x.steps);
    }
  });
});
