import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headlinePairs, headlineSet } from '../../src/experiment/attribution.js';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { binaryPaired } from '../../src/experiment/variance/power.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { crashingAfter, tempDir } from '../experiment/helpers.js';
import hazard from './fixtures/hazard-model.mjs';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const FILE = join(FIXTURES, 'hazard-attribution.yaml');
const MODULE = { id: 'hazard', module: pathToFileURL(join(FIXTURES, 'hazard-model.mjs')).href };
const load = () => loadExperiment(FILE, { models: [hazard] });


async function tables(db: string) {
  const store = await ExperimentStore.open(db);
  try {
    const q = (sql: string) => store.query(sql);
    return {
      status: (await store.manifest()).status,
      runs: await q('SELECT run_id, "row", replicate, seed, * EXCLUDE (run_id, "row", replicate, seed, elapsed_ms) FROM runs ORDER BY "row", replicate'),
      attribution: await q('SELECT * FROM attribution ORDER BY mechanism, indicator'),
      arms: await q('SELECT * FROM attribution_arms ORDER BY mechanism, indicator'),
      precision: await q('SELECT * FROM attribution_precision ORDER BY arm'),
    };
  } finally {
    store.close();
  }
}

describe('the attribution experiment kind', () => {
  it('adds pairs in batches until the half-width reaches the target, and says which arms ran out instead', async () => {
    const db = join(tempDir('pk-attr-'), 'a.duckdb');
    await runExperiment(load(), { db, executor: (job) => new InlineExecutor(job), model: MODULE });
    const t = await tables(db);
    const byArm = new Map(t.precision.map((p) => [String(p.arm), p]));
    // M2 never touches the events: no pair disagrees, and 1.96 / (n + 2) <= 0.05 first holds at the look at 48.
    expect(byArm.get('M2')).toMatchObject({ pairs: 48, stop_reason: 'precision' });
    // M1 doubles the hazard: hundreds of pairs would be needed, so it stops at max_pairs.
    expect(byArm.get('M1')).toMatchObject({ pairs: 64, stop_reason: 'max_pairs' });
    for (const p of t.precision) {
      if (p.stop_reason === 'precision') expect(Number(p.half_width)).toBeLessThanOrEqual(0.05);
      else expect(Number(p.half_width)).toBeGreaterThan(0.05);
    }
    // Each arm stopped at the first look that met the target: one batch earlier it did not.
    const x = load();
    const set = headlineSet(hazard, x.indicators, x.steps, 'indicator');
    const primary = set.headlines.find((h) => h.primary)!;
    const rows = (r: number) => {
      const out: Record<string, number | null>[] = [];
      for (const run of t.runs.filter((q) => Number(q.row) === r)) out[Number(run.replicate)] = Object.fromEntries(set.summaries.map((s) => [s.name, run[s.name] === null ? null : Number(run[s.name])]));
      return out;
    };
    const arms = ['M1', 'M2', 'both_off', 'base=0.005'];
    arms.forEach((id, i) => {
      const p = byArm.get(id)!;
      const n = Number(p.pairs);
      const hw = (k: number) => binaryPaired(headlinePairs(primary, rows(0), rows(i + 1), k)).halfWidth;
      expect(hw(n)).toBeCloseTo(Number(p.half_width), 12);
      if (p.stop_reason === 'precision' && n > 16) expect(hw(n - 16)).toBeGreaterThan(0.05);
    });
    // One baseline shared by all arms: as many baseline runs as the longest arm, not one set per arm.
    expect(t.runs.filter((r) => Number(r.row) === 0)).toHaveLength(64);
    // Paired by common random numbers: arm i's replicate r has the baseline's seed for r.
    const seedOf = new Map(t.runs.filter((r) => Number(r.row) === 0).map((r) => [Number(r.replicate), r.seed]));
    for (const r of t.runs) expect(r.seed).toBe(seedOf.get(Number(r.replicate)));
    const mde = t.attribution.find((r) => r.mechanism === 'M1' && String(r.indicator).startsWith('P('))!;
    expect(Number(mde.mde)).toBeGreaterThan(0);
    expect(Number(mde.diff_low)).toBeLessThan(Number(mde.diff)); 
  });

  it('resumed after a crash, ends with the same store as an uninterrupted run', async () => {
    const dir = tempDir('pk-attr-');
    const whole = join(dir, 'whole.duckdb');
    const broken = join(dir, 'broken.duckdb');
    await runExperiment(load(), { db: whole, executor: (job) => new InlineExecutor(job), model: MODULE });
    const crash = await runExperiment(load(), { db: broken, executor: crashingAfter(90), model: MODULE, batchSize: 8 }).catch((e) => e);
    expect(crash.message).toBe('simulated crash');
    expect((await tables(broken).catch(() => ({ status: 'no tables yet' }))).status).not.toBe('complete');
    await runExperiment(load(), { db: broken, resume: true, executor: (job) => new InlineExecutor(job), model: MODULE });
    const a = await tables(whole);
    const b = await tables(broken);
    expect(b.status).toBe('complete');
    expect(b.runs).toEqual(a.runs);
    expect(b.attribution).toEqual(a.attribution);
    expect(b.arms).toEqual(a.arms);
    expect(b.precision).toEqual(a.precision);
  });
});
