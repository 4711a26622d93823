import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentStore, type StoredRun } from '../../src/store/experiment-store.js';
import { tempDir } from '../experiment/helpers.js';

const info = {
  powderkeg_version: '0.0.0',
  kind: 'sweep',
  experiment_file: 'e.yaml',
  experiment_hash: 'abc',
  scenario_file: 's.yaml',
  scenario_hash: 'def',
  model: 'toy',
  seed: 4294967296 * 3 + 5,
  experiment_json: '{}',
};
const layout = { factors: [{ name: 'rate', path: 'rate', type: 'DOUBLE' as const }], summaries: ['m'] };

function run(i: number, status: 'ok' | 'failed' = 'ok'): StoredRun {
  return {
    runId: `r${i}`,
    row: i,
    replicate: 0,
    seed: i,
    params: { rate: i / 10 },
    status,
    error: status === 'failed' ? 'Error: boom' : null,
    summaries: [status === 'ok' ? i * 2 : null],
    steps: 2,
    elapsedMs: 1,
    series: status === 'ok' ? { columns: ['x', 'n'], types: ['float', 'int'], steps: Int32Array.from([0, 1]), values: Float64Array.from([0.5, 1.5, 3, 4]) } : null,
  };
}

describe('the experiment store', () => {
  it('keeps the manifest, runs and series, and every run_id once', async () => {
    const db = join(tempDir(), 's.duckdb');
    const store = await ExperimentStore.create(db, info, layout);
    await store.appendRuns([run(0), run(1, 'failed')]);
    // A duplicate run id aborts the whole batch: the run that came with it is not half-stored.
    await expect(store.appendRuns([run(2), run(0)])).rejects.toThrow();
    store.close();

    const again = await ExperimentStore.open(db);
    expect(await again.manifest()).toMatchObject({ ...info, status: 'incomplete', finished_at: null, layout });
    expect(await again.recordedRuns()).toEqual(new Map([['r0', 'ok'], ['r1', 'failed']]));
    expect(await again.query('SELECT run_id, step, x, n FROM series ORDER BY step')).toEqual([
      { run_id: 'r0', step: 0, x: 0.5, n: 3 },
      { run_id: 'r0', step: 1, x: 1.5, n: 4 },
    ]);
    expect(await again.dropFailedRuns()).toBe(1);
    await again.appendRuns([run(1)]);
    await again.setStatus('complete');
    expect(await again.query('SELECT run_id, status, rate, m FROM runs ORDER BY run_id')).toEqual([
      { run_id: 'r0', status: 'ok', rate: 0, m: 0 },
      { run_id: 'r1', status: 'ok', rate: 0.1, m: 2 },
    ]);
    expect((await again.manifest()).status).toBe('complete');
    again.close();
  });
});
