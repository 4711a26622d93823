import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { headlineSet, pairedChange } from '../../src/experiment/attribution.js';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { ensureBuilt } from '../experiment/build.js';
import { SCENARIO } from './fixture-stores.js';

describe('paired change of an ablation', () => {
  it('is exactly zero, with a zero-width interval, when the ablation changes nothing', () => {
    const rng = new Rng(1);
    const pairs = Array.from({ length: 20 }, () => {
      const v = rng.uniform(0, 100);
      return [v, v] as const;
    });
    const c = pairedChange(pairs, new Rng(2), 500);
    expect([c.diff, c.diffLow, c.diffHigh, c.relative, c.relativeLow, c.relativeHigh]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('recovers a shift hidden under common noise far more tightly than the noise', () => {
    const rng = new Rng(3);
    // Each replicate shares its noise between baseline and ablation (common random numbers).
    const pairs = Array.from({ length: 30 }, () => {
      const noise = rng.normal(0, 50);
      return [1000 + noise, 800 + noise + rng.normal(0, 5)] as const;
    });
    const c = pairedChange(pairs, new Rng(4), 2000);
    expect(c.diffLow).toBeLessThan(-200);
    expect(c.diffHigh).toBeGreaterThan(-200);
    expect(c.diffHigh - c.diffLow).toBeLessThan(10);
    expect(c.relative!).toBeCloseTo(-0.2, 1);
  });

  it('leaves the relative interval undefined when a resample can have a zero baseline', () => {
    const pairs = [[1, 0], ...Array.from({ length: 15 }, () => [0, 0] as const)] as const;
    const c = pairedChange(pairs, new Rng(6), 500, 'paired-binary');
    expect(c.relative).toBe(-1);
    expect([c.relativeLow, c.relativeHigh]).toEqual([null, null]);
    // One event in sixteen runs: the difference interval holds zero, and the MDE says how little that shows.
    expect(c.diffLow).toBeLessThan(0);
    expect(c.diffHigh).toBeGreaterThan(0);
    expect(c.mde!).toBeGreaterThan(0.2);
  });

  it('has no relative change when the baseline mean is zero', () => {
    const c = pairedChange([[0, 1], [0, 0]], new Rng(5), 100);
    expect(c.relative).toBeNull();
    expect(c.diff).toBe(0.5);
  });
});

describe('attribution runs', () => {
  it('are reproducible and switching off the opening wave shrinks the peaceful army', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'pk-attr-real-'));
    const file = join(dir, 'attribution.yaml');
    writeFileSync(
      file,
      [
        'kind: attribution',
        `scenario: ${JSON.stringify(SCENARIO)}`,
        'seed: 11',
        'steps: 60',
        'set: { scale: 2000, horizon: 60 }',
        'attribution: { mechanisms: [M1, M10], min_pairs: 2, max_pairs: 2, batch: 1, event_precision: null, resamples: 100 }',
        '',
      ].join('\n'),
    );
    const run = async (name: string) => {
      const db = join(dir, `${name}.duckdb`);
      await runExperiment(loadExperiment(file), { db, executor: (job) => new InlineExecutor(job) });
      const store = await ExperimentStore.open(db);
      try {
        return await store.query('SELECT * FROM attribution ORDER BY mechanism, indicator');
      } finally {
        store.close();
      }
    };
    const a = await run('a');
    const b = await run('b');
    expect(b).toEqual(a);
    const loaded = loadScenario(SCENARIO);
    const names = headlineSet(loaded.model, loaded.model.columns(loaded.scenario), 60).headlines.map((h) => h.label);
    expect(new Set(a.map((r) => r.indicator))).toEqual(new Set(names));
    const peaceful = a.find((r) => r.mechanism === 'M1' && String(r.indicator).startsWith('army_peaceful'))!;
    expect(Number(peaceful.relative)).toBeLessThan(-0.5);
    expect(Number(peaceful.replicates)).toBe(2);
    expect(peaceful.stop_reason).toBe('no_target');
  });
});
