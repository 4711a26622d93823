import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeExperiment } from '../fixtures/experiment-file.js';
import { ensureBuilt, powderkeg } from './built-binary.js';

const BUNDLE = join(process.cwd(), 'dist/bundle');

/**
 * bin/powderkeg.js runs the bundle (dist/bundle/, rolldown.config.mjs), whose chunks find the
 * worker thread files and the ablation model by import.meta.url, as siblings: these run the
 * paths through which that could break.
 */
describe('the bundle that bin/powderkeg.js runs', () => {
  beforeAll(() => ensureBuilt());

  it('is what the bin imports', () => {
    expect(readFileSync(join(process.cwd(), 'bin/powderkeg.js'), 'utf8')).toMatch(/from '\.\.\/dist\/bundle\/main\.js'/);
  });

  it('has the files the executors load by path next to its chunks, each with its default export', async () => {
    const ablation = (await import(pathToFileURL(join(BUNDLE, 'ablation-model.js')).href)) as { default: { id: string; create: unknown } };
    expect(ablation.default.id).toBe('ablation');
    expect(typeof ablation.default.create).toBe('function');
    for (const thread of ['worker.js', 'thread.js']) {
      expect(readFileSync(join(BUNDLE, thread), 'utf8'), thread).toMatch(/export \{[^}]*\bas default\b[^}]*\}/);
    }
  });

  it('runs an experiment on two worker threads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-bundle-'));
    const file = writeExperiment(dir, 'ensemble.yaml', {
      kind: 'ensemble',
      scenario: join(process.cwd(), 'scenarios/epstein/run1.yaml'),
      replicates: 4,
      seed: 3,
      steps: 20,
      outputs: { indicators: ['active'], summaries: [{ name: 'max_active', stat: 'max', indicator: 'active' }] },
    });
    const r = powderkeg(['experiment', file, '--db', join(dir, 'e.duckdb'), '--workers', '2', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ workers: 2, runs: 4, ran: 4, failed: 0 });
  });

  it('runs an attribution, whose workers import the ablation model by file URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-bundle-'));
    const file = writeExperiment(dir, 'attribution.yaml', {
      kind: 'attribution',
      name: 'bundle_attribution',
      scenario: join(process.cwd(), 'scenarios/kazakhstan-2022.yaml'),
      seed: 7,
      set: { scale: 5000, horizon: 30 },
      attribution: { mechanisms: ['M7'], criterion: 'half_width', event_precision: 0.5, min_pairs: 2, batch: 2, max_pairs: 2 },
    });
    const r = powderkeg(['experiment', file, '--db', join(dir, 'a.duckdb'), '--workers', '2', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'attribution', workers: 2, runs: 4, failed: 0 });
  });
});
