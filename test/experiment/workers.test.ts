import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalExecutor } from '../../src/experiment/local-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
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

describe('a worker thread that dies', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('fails its run only; the pool replaces it and the other runs go on', async () => {
    const dir = tempDir();
    const file = join(dir, 'e.yaml');
    writeFileSync(
      file,
      [
        `scenario: ${JSON.stringify(join(fixtures, 'toy.yaml'))}`,
        'kind: sweep',
        'factors: [{ path: exit_at, values: [1000, 5, 1000, 1000] }]',
        'design: { type: factorial }',
        'steps: 20',
        'outputs: { summaries: [{ name: m, stat: max, indicator: active }] }',
      ].join('\n'),
    );
    const db = join(dir, 'e.duckdb');
    const out = await runExperiment(loadToy(file), { db, executor: (job) => new LocalExecutor(job, { workers: 2 }), model: toyModule });
    expect(out).toMatchObject({ runs: 4, ran: 4, failed: 1 });
    const store = await ExperimentStore.open(db);
    const runs = await store.query('SELECT exit_at, status, error, m FROM runs ORDER BY "row"');
    store.close();
    expect(runs.map((r) => r.status)).toEqual(['ok', 'failed', 'ok', 'ok']);
    expect(runs[1].error).toMatch(/^worker lost: /);
    expect(runs[1].m).toBe(null);
  }, 60_000);
});
