import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { fixtures, runToy, tempDir } from './helpers.js';

describe('a run that throws', () => {
  it('is recorded as failed with its error, and the other runs go on', async () => {
    const db = join(tempDir(), 'failing.duckdb');
    const out = await runToy(join(fixtures, 'toy-failing.yaml'), db);
    expect(out).toMatchObject({ runs: 8, ran: 8, failed: 4 });
    const store = await ExperimentStore.open(db);
    const runs = await store.query('SELECT fail_at, status, error, max_active, steps FROM runs ORDER BY "row", replicate');
    const seriesRuns = await store.query('SELECT fail_at, count(*) AS n FROM series JOIN runs USING (run_id) GROUP BY fail_at');
    const manifest = await store.manifest();
    store.close();
    for (const r of runs) {
      if (r.fail_at === 10) {
        expect(r).toMatchObject({ status: 'failed', max_active: null, steps: 0 });
        expect(r.error).toBe('Error: toy failure at step 10');
      } else {
        expect(r).toMatchObject({ status: 'ok', error: null, steps: 30 });
        expect(r.max_active).toBeGreaterThan(0);
      }
    }
    // A failed run leaves no half series behind; each ok run has steps 0..30.
    expect(seriesRuns).toEqual([{ fail_at: 1000, n: 4 * 31 }]);
    expect(manifest.status).toBe('complete');
  });
});
