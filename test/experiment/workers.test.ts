import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/experiment/local-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { exportStore } from '../../src/store/export.js';
import { ensureBuilt } from './build.js';
import { fixtures, loadToy, tempDir, toyModule } from './helpers.js';

/** The runs table without its last column, elapsed_ms: the only one that is a measurement. */
function withoutElapsed(csv: string): string {
  return csv
    .split('\n')
    .map((line) => line.slice(0, Math.max(0, line.lastIndexOf(','))))
    .join('\n');
}

async function runOn(workers: number, dir: string) {
  const db = join(dir, `w${workers}.duckdb`);
  await runExperiment(loadToy(join(fixtures, 'toy-sweep.yaml')), {
    db,
    executor: (job) => new LocalExecutor(job, { workers }),
    model: toyModule,
    batchSize: 3,
  });
  const out = join(dir, `w${workers}`);
  await exportStore(db, { format: 'csv', tables: ['runs', 'series'], outDir: out });
  return { runs: readFileSync(join(out, 'runs.csv'), 'utf8'), series: readFileSync(join(out, 'series.csv'), 'utf8') };
}

describe('worker threads', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('give byte-identical runs and series on 1 and 2 workers', async () => {
    const dir = tempDir();
    const one = await runOn(1, dir);
    const two = await runOn(2, dir);
    expect(one.runs.split('\n')[0]).toMatch(/,elapsed_ms$/);
    expect(withoutElapsed(two.runs)).toBe(withoutElapsed(one.runs));
    expect(two.series).toBe(one.series);
    expect(one.runs.trim().split('\n')).toHaveLength(31);
    expect(one.series.trim().split('\n')).toHaveLength(1 + 30 * 41);
  }, 60_000);
});
