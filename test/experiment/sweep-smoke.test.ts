import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { fixtures, runToy, tempDir } from './helpers.js';

describe('a sweep of the toy model', () => {
  it('records every (row, replicate) once with its parameters and summaries', async () => {
    const db = join(tempDir(), 'sweep.duckdb');
    const out = await runToy(join(fixtures, 'toy-sweep.yaml'), db);
    expect(out.runs).toBe(30);
    const store = await ExperimentStore.open(db);
    const runs = await store.query('SELECT * FROM runs ORDER BY "row", replicate');
    store.close();
    console.log(runs.slice(0, 3));
    expect(runs).toHaveLength(30);
  });
});
