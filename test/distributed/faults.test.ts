import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueNameFor } from '../../src/experiment/distributed/redis-connection.js';
import { jobSpec, loadExperiment } from '../../src/experiment/load.js';
import { RedisExecutor } from '../../src/experiment/distributed/redis-executor.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { exportStore } from '../../src/store/export.js';
import { ensureBuilt, root } from '../experiment/build.js';
import { tempDir } from '../experiment/helpers.js';
import { haveRedisServer, powderkeg, startPowderkeg, startRedisServer, startWorker, stopChild, type RedisServer, type WorkerProcess } from './processes.js';

/**
 * Faults injected into the Redis executor, each as a user would meet it: workers are
 * `powderkeg worker` processes, the submitter is `powderkeg experiment`, Redis is a
 * redis-server on a free loopback port that the test kills and starts again.
 */

/** A small Epstein sweep on an 80x80 lattice, so that runs take a while and faults land mid-way. */
function sweep(dir: string, name: string, seed: number): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'kind: sweep',
      `scenario: ${JSON.stringify(join(root, 'scenarios/epstein/run2.yaml'))}`,
      'set: { grid: { width: 80, height: 80 } }',
      'factors:',
      '  - { path: legitimacy, range: [0.7, 0.9], levels: 2 }',
      '  - { path: cops.density, values: [0.02, 0.04, 0.06] }',
      'design: { type: factorial }',
      'replicates: 2',
      `seed: ${seed}`,
      'steps: 200',
      'series: true',
      'outputs:',
      '  summaries:',
      '    - { name: outbursts, stat: episodes, indicator: active, above: 50 }',
      '    - { name: mean_active, stat: mean, indicator: active, from: 50 }',
      '',
    ].join('\n'),
  );
  return file;
}
const RUNS = 12;

async function exported(db: string, dir: string) {
  await exportStore(db, { format: 'csv', tables: ['runs', 'series'], outDir: dir });
  const runs = readFileSync(join(dir, 'runs.csv'), 'utf8')
    .split('\n')
    .map((l) => l.slice(0, Math.max(0, l.lastIndexOf(','))))
    .join('\n');
  return runs + readFileSync(join(dir, 'series.csv'), 'utf8');
}

async function counts(db: string) {
  const store = await ExperimentStore.open(db);
  const [c] = await store.query("SELECT count(*) AS n, count(DISTINCT run_id) AS ids, count(*) FILTER (WHERE status = 'ok') AS ok FROM runs");
  store.close();
  return c;
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await Promise.resolve().then(condition).catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runsOf = (ws: WorkerProcess[]) => ws.reduce((n, w) => n + w.events().filter((e) => e.event === 'run').length, 0);

function submit(file: string, db: string, url: string, extra: string[] = []) {
  return startPowderkeg(['experiment', file, '--db', db, '--executor', 'redis', '--redis', url, '--json', ...extra]);
}

describe.skipIf(!haveRedisServer)('the Redis executor under faults', () => {
  const dir = tempDir('pk-faults-');
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let file: string;
  let reference: string;

  const worker = async () => {
    const w = await startWorker(redis.url, ['--lock-ms', '1000']);
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    ensureBuilt();
    // One Redis with an append-only file for every test; "restarted empty" deletes the file first.
    redis = await startRedisServer({ aofDir: tempDir('pk-aof-') });
    file = sweep(dir, 'sweep', 1);
    const local = await powderkeg(['experiment', file, '--db', join(dir, 'local.duckdb'), '--workers', '1', '--json']);
    expect(local.code, local.stderr).toBe(0);
    await Promise.all([worker(), worker()]);
    reference = await exported(join(dir, 'local.duckdb'), join(dir, 'local'));
  }, 180_000);

  // Every test starts from an empty Redis: results an earlier test left there (an obliterate that a
  // busy machine did not finish within its bound) would be reused, and the workers would run nothing.
  beforeEach(async () => {
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child, 'SIGKILL')));
    await redis?.stop();
  });

  it('Redis restarted empty, a worker killed, a fresh one started: the submitter queues the lost runs again and finishes', async () => {
    const db = join(dir, 'restart-empty.duckdb');
    const run = submit(file, db, redis.url);
    const before = runsOf(workers);
    await until(() => runsOf(workers) >= before + 3, 40_000, 'three runs');
    workers[0].child.kill('SIGKILL');
    await redis.stop();
    await redis.start({ empty: true });
    workers = workers.slice(1);
    await worker();
    const out = await run.done;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/Redis had lost \d+ runs \(restarted without its data\?\); queued them again/);
    expect(JSON.parse(out.stdout)).toMatchObject({ runs: RUNS, failed: 0 });
    expect(await counts(db)).toEqual({ n: RUNS, ids: RUNS, ok: RUNS });
    expect(await exported(db, join(dir, 'restart-empty'))).toBe(reference);
  }, 90_000);

  it('Redis restarted from its append-only file: nothing lost, nothing run twice; a second submitter is refused', async () => {
    const db = join(dir, 'restart-aof.duckdb');
    const run = submit(file, db, redis.url);
    const before = runsOf(workers);
    await until(() => runsOf(workers) >= before + 2, 40_000, 'two runs');
    // Same experiment, same Redis, another store: the two would share one queue.
    const x = loadExperiment(file);
    const second = new RedisExecutor(jobSpec(x), { url: redis.url, queue: queueNameFor(x.hash) });
    await expect(second.runBatch([], () => undefined)).rejects.toThrow(
      /--redis: another submitter is running this experiment through Redis at redis:\/\/127\.0\.0\.1:\d+ \(process \d+ on .*\); two would share its runs/,
    );
    await second.close();
    await redis.stop();
    await redis.start();
    const out = await run.done;
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).not.toMatch(/Redis had lost/);
    expect(await counts(db)).toEqual({ n: RUNS, ids: RUNS, ok: RUNS });
    expect(await exported(db, join(dir, 'restart-aof'))).toBe(reference);
  }, 90_000);

  it('Redis gone for good: the submitter fails within --redis-timeout, and --resume finishes once it is back', async () => {
    const db = join(dir, 'gone.duckdb');
    const run = submit(file, db, redis.url, ['--redis-timeout', '3']);
    const before = runsOf(workers);
    await until(() => runsOf(workers) >= before + 3, 40_000, 'three runs');
    await redis.stop();
    const lostAt = Date.now();
    const out = await run.done;
    const waited = Date.now() - lostAt;
    console.log(`Redis stopped; the submitter gave up after ${waited} ms (--redis-timeout 3)`);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--redis: lost Redis at redis:\/\/127\.0\.0\.1:\d+ for [\d.]+ s \(--redis-timeout 3 s; .*\); the runs committed so far are in the store: when Redis is back, run the same command with --resume/);
    // The timeout, one check interval, and the time a busy machine takes to close and exit.
    expect(waited).toBeLessThan(3000 + 10_000);
    await redis.start();
    const r = await submit(file, db, redis.url, ['--resume']).done;
    expect(r.code, r.stderr).toBe(0);
    expect(await counts(db)).toEqual({ n: RUNS, ids: RUNS, ok: RUNS });
    expect(await exported(db, join(dir, 'gone'))).toBe(reference);
  }, 90_000);

  it('ignores a duplicate completion: every run is stored once, as a local run stores it', async () => {
    const client = new Redis(redis.url);
    const db = join(dir, 'duplicates.duckdb');
    const stream = `bull:${queueNameFor(loadExperiment(file).hash)}:events`;
    const run = submit(file, db, redis.url);
    // Every completion the workers announce is announced again, as a replayed event would be.
    const replayed = new Set<string>();
    let stop = false;
    const injector = (async () => {
      while (!stop) {
        const entries = (await client.xrange(stream, '-', '+').catch(() => [])) as [string, string[]][];
        for (const [id, fields] of entries) {
          if (replayed.has(id) || fields[fields.indexOf('event') + 1] !== 'completed') continue;
          const copy = await client.xadd(stream, '*', ...fields);
          replayed.add(id).add(String(copy));
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const out = await run.done;
    stop = true;
    await injector;
    client.disconnect();
    expect(out.code, out.stderr).toBe(0);
    expect(replayed.size / 2).toBeGreaterThanOrEqual(RUNS / 2);
    expect(await counts(db)).toEqual({ n: RUNS, ids: RUNS, ok: RUNS });
    expect(await exported(db, join(dir, 'duplicates'))).toBe(reference);
  }, 90_000);
});
