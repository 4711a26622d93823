import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { TOY_KINDS, storeContents, toyKindFile } from '../shard/toy-kinds.js';
import { crashingAfter, loadToy, tempDir, toyModule } from './helpers.js';

/**
 * Every experiment kind, stopped part-way (the executor throws after some results, as a crash
 * would) and then resumed, ends with the store an uninterrupted run makes, table for table: the
 * finished runs are found, only the missing ones run, and each kind's analysis sees them all.
 * test/experiment/kill-resume.test.ts does the same with a real SIGKILL for a sweep, and
 * test/attribution/sequential.test.ts for the attribution kind.
 */


async function storedRuns(db: string): Promise<{ n: number; status: string }> {
  const store = await ExperimentStore.open(db);
  const [r] = await store.query('SELECT count(*) AS n FROM runs');
  const status = (await store.manifest()).status;
  store.close();
  return { n: Number(r.n), status };
}

describe('every experiment kind, crashed part-way and resumed', () => {
  for (const kind of Object.keys(TOY_KINDS)) {
    it(`${kind}: ends with the same store as an uninterrupted run, each run once`, async () => {
      const dir = tempDir(`pk-crash-${kind}-`);
      const file = toyKindFile(dir, kind);
      const whole = join(dir, 'whole.duckdb');
      const full = await runExperiment(loadToy(file), { db: whole, executor: (job) => new InlineExecutor(job), model: toyModule, batchSize: 2 });

      const broken = join(dir, 'broken.duckdb');
      const limit = Math.max(3, Math.floor(full.runs * 0.4));
      const crash = await runExperiment(loadToy(file), { db: broken, executor: crashingAfter(limit), model: toyModule, batchSize: 2 }).catch((e: Error) => e);
      expect(crash).toBeInstanceOf(Error);
      expect((crash as Error).message).toBe('simulated crash');
      const partial = await storedRuns(broken);
      expect(partial.status).toBe('incomplete');
      expect(partial.n).toBeGreaterThan(0);
      expect(partial.n).toBeLessThan(full.runs);

      const resumed = await runExperiment(loadToy(file), { db: broken, executor: (job) => new InlineExecutor(job), model: toyModule, batchSize: 2, resume: true });
      expect(resumed).toMatchObject({ runs: full.runs, skipped: partial.n, ran: full.runs - partial.n, failed: 0 });
      const a = await storeContents(whole, join(dir, 'a'));
      const b = await storeContents(broken, join(dir, 'b'));
      expect(Object.keys(b)).toEqual(Object.keys(a));
      for (const table of Object.keys(a)) expect(b[table], `table ${table}`).toBe(a[table]);
    }, 60_000);
  }
});
