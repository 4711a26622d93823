import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisExecutor } from '../../src/experiment/distributed/redis-executor.js';
import type { Executor, JobSpec } from '../../src/experiment/executor.js';
import { LocalExecutor } from '../../src/experiment/local-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { ensureBuilt } from '../experiment/build.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { loadToy, tempDir, toyModule } from '../experiment/helpers.js';
import hazard from '../attribution/fixtures/hazard-model.mjs';
import { TOY_KINDS, storeContents, toyKindFile } from '../shard/toy-kinds.js';
import { haveRedisServer, startRedisServer, startWorker, stopChild, type RedisServer, type WorkerProcess } from './processes.js';

/**
 * Determinism across executors: one small experiment of every kind on the toy model gives the
 * same store, every exported table byte for byte, on 1, 2 and 4 local worker threads and on 1, 2
 * and 4 `powderkeg worker` processes through Redis. Runs finish in a different order each time,
 * so anything that depended on that order (a sum, an analysis, a calibration's next proposals)
 * would show here.
 */
const HAZARD_FIXTURES = fileURLToPath(new URL('../attribution/fixtures/', import.meta.url));
/** The attribution kind needs mechanisms to switch off, which the toy model has not: the hazard model has. */
const ATTRIBUTION = {
  file: join(HAZARD_FIXTURES, 'hazard-attribution.yaml'),
  load: (file: string) => loadExperiment(file, { models: [hazard] }),
  model: { id: 'hazard', module: pathToFileURL(join(HAZARD_FIXTURES, 'hazard-model.mjs')).href },
};
const KINDS = [...Object.keys(TOY_KINDS), 'attribution'];

describe.skipIf(!haveRedisServer)('every kind gives the same store on 1, 2 and 4 workers, local threads and Redis', () => {
  const dir = tempDir('pk-kinds-');
  const files = new Map<string, string>();
  const reference = new Map<string, Record<string, string>>();
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];

  async function contentsOf(kind: string, label: string, executor: (job: JobSpec) => Executor) {
    const db = join(dir, `${kind}-${label}.duckdb`);
    const [load, model] = kind === 'attribution' ? [ATTRIBUTION.load, ATTRIBUTION.model] : [loadToy, toyModule];
    await runExperiment(load(files.get(kind)!), { db, executor, model, batchSize: 4 });
    return storeContents(db, join(dir, `${kind}-${label}`));
  }

  beforeAll(async () => {
    ensureBuilt();
    redis = await startRedisServer();
    for (const kind of KINDS) {
      const kindDir = tempDir(`pk-kinds-${kind}-`);
      files.set(kind, kind === 'attribution' ? ATTRIBUTION.file : toyKindFile(kindDir, kind));
      reference.set(kind, await contentsOf(kind, 'local-1', (job) => new LocalExecutor(job, { workers: 1 })));
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child, 'SIGKILL')));
    await redis?.stop();
  });

  const same = (kind: string, got: Record<string, string>) => {
    const want = reference.get(kind)!;
    expect(Object.keys(got), kind).toEqual(Object.keys(want));
    for (const table of Object.keys(want)) expect(got[table], `${kind}: table ${table}`).toBe(want[table]);
  };

  for (const threads of [2, 4]) {
    it(`${threads} local worker threads`, async () => {
      for (const kind of KINDS) same(kind, await contentsOf(kind, `local-${threads}`, (job) => new LocalExecutor(job, { workers: threads })));
    }, 120_000);
  }

  for (const processes of [1, 2, 4]) {
    it(`${processes} powderkeg worker processes through Redis`, async () => {
      // Workers join as the count grows: 1, then 2, then 4.
      const more = Array.from({ length: processes - workers.length }, () => startWorker(redis.url));
      workers.push(...(await Promise.all(more)));
      for (const kind of KINDS) same(kind, await contentsOf(kind, `redis-${processes}`, (job) => new RedisExecutor(job, { url: redis.url })));
      const ran = workers.map((w) => w.events().filter((e) => e.event === 'run').length);
      console.log(`${processes} worker processes: runs per worker so far ${ran.join(', ')}`);
    }, 180_000);
  }
});
