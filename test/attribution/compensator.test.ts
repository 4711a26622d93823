import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/random.js';
import { headlinePairs, headlineSet } from '../../src/experiment/attribution.js';
import type { JobSpec } from '../../src/experiment/executor.js';
import { executeRun } from '../../src/experiment/run-task.js';
import { pairedPrecision } from '../../src/experiment/variance/power.js';
import hazard, { exactProbability } from './fixtures/hazard-model.mjs';

const RUNS = 400;
const T = 52;
type S = Record<string, number | null>;

/** Runs of the known-hazard model with both estimators' summaries, baseline and M1 off, on the same seeds. */
async function runs(base: number) {
  const out: { none: S[]; M1: S[]; scenario: { base: number; boost: number } } = { none: [], M1: [], scenario: { base, boost: 0.5 } };
  const plain = headlineSet(hazard, hazard.columns({}), T, 'indicator');
  const cv = headlineSet(hazard, hazard.columns({}), T, 'compensator');
  const summaries = [...cv.summaries];
  for (const ablate of ['none', 'M1'] as const) {
    const scenario = hazard.schema.parse({ model: 'hazard', ablate, base });
    const job: JobSpec = { model: { id: 'hazard' }, scenario, factorPaths: {}, steps: T, summaries, series: null, every: 1 };
    for (let r = 0; r < RUNS; r++) {
      const res = await executeRun(job, hazard, { runId: String(r), row: 0, replicate: r, seed: deriveSeed(5, 0, r), params: {} });
      out[ablate].push(Object.fromEntries(summaries.map((q, i) => [q.name, res.summaries[i]])));
    }
  }
  return { ...out, plain: plain.headlines.find((h) => h.primary)!, cv: cv.headlines.find((h) => h.primary)! };
}

describe('the hazard compensator as a control variate for P(new event by T)', () => {
  it('estimates the known probability like plain Monte Carlo does, with a smaller variance when the event is rare', async () => {
    for (const base of [0.002, 0.02]) {
      const r = await runs(base);
      const exactOn = exactProbability(r.scenario, T, true);
      const exactOff = exactProbability(r.scenario, T, false);
      const plain = headlinePairs(r.plain, r.none, r.M1, RUNS);
      const cv = headlinePairs(r.cv, r.none, r.M1, RUNS);
      // Eight checks at once: each within 3.3 standard errors (99.9 %), so together they hold at about 99 %.
      const close = (p: { mean: number; sd: number; n: number }, exact: number, what: string) => expect(Math.abs(p.mean - exact), what).toBeLessThan((3.3 * p.sd) / Math.sqrt(p.n));
      for (const [pairs, arm, exact] of [[plain, 0, exactOn], [plain, 1, exactOff], [cv, 0, exactOn], [cv, 1, exactOff]] as const) {
        close(pairedPrecision(pairs.map((q) => q[arm])), exact, `base ${base} arm ${arm}`);
      }
      // The paired difference (M1 off minus the baseline) has the exact expectation too, and a smaller variance.
      const dPlain = pairedPrecision(plain.map(([b, a]) => a - b));
      const dCv = pairedPrecision(cv.map(([b, a]) => a - b));
      close(dPlain, exactOff - exactOn, `base ${base} plain difference`);
      close(dCv, exactOff - exactOn, `base ${base} control-variate difference`);
      if (base === 0.002) expect(dCv.sd ** 2).toBeLessThan(0.25 * dPlain.sd ** 2);
      else expect(dCv.sd ** 2).toBeLessThan(dPlain.sd ** 2);
    }
  });
});
