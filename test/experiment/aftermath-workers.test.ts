import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load.js';
import { LocalExecutor } from '../../src/experiment/local-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { exportStore } from '../../src/store/export.js';
import { ensureBuilt, root } from './build.js';
import { tempDir } from './helpers.js';

/** Drops the last column of the runs table, elapsed_ms: the only one that is a measurement. */
const withoutElapsed = (csv: string) =>
  csv
    .split('\n')
    .map((line) => line.slice(0, Math.max(0, line.lastIndexOf(','))))
    .join('\n');

async function ensembleOn(workers: number, dir: string) {
  const db = join(dir, `w${workers}.duckdb`);
  const experiment = loadExperiment(join(root, 'experiments/aftermath-ensemble.yaml'));
  await runExperiment(experiment, { db, executor: (job) => new LocalExecutor(job, { workers }) });
  const out = join(dir, `w${workers}`);
  await exportStore(db, { format: 'csv', tables: ['runs', 'series', 'ensemble_bands'], outDir: out });
  const read = (t: string) => readFileSync(join(out, `${t}.csv`), 'utf8');
  return { runs: withoutElapsed(read('runs')), series: read('series'), bands: read('ensemble_bands') };
}

describe('the aftermath model on worker threads', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('gives byte-identical runs, series and bands on 1 and 2 workers', async () => {
    const dir = tempDir('pk-aftermath-workers-');
    const one = await ensembleOn(1, dir);
    const two = await ensembleOn(2, dir);
    expect(one.runs.trim().split('\n')).toHaveLength(11);
    // The replicates differ from each other (each has its own seed), yet not between worker counts.
    expect(new Set(one.runs.trim().split('\n').slice(1).map((l) => l.split(',').slice(-4).join(','))).size).toBeGreaterThan(1);
    expect(two.runs).toBe(one.runs);
    expect(two.series).toBe(one.series);
    expect(two.bands).toBe(one.bands);
  }, 120_000);
});
