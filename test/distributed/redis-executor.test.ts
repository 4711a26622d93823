import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisExecutor } from '../../src/experiment/distributed/redis-executor.js';
import { QUEUE_REGISTRY, queueNameFor } from '../../src/experiment/distributed/redis-connection.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { exportStore } from '../../src/store/export.js';
import { ensureBuilt, root } from '../experiment/build.js';
import { fixtures, loadToy, tempDir, toyModule } from '../experiment/helpers.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { Queue } from 'bullmq';
import { haveRedisServer, powderkeg, startPowderkeg, startRedisServer, startWorker, stopChild, type RedisServer, type WorkerProcess } from './processes.js';

if (!haveRedisServer) console.warn('test/distributed skipped: redis-server is not installed (apt-get install redis-server)');

function sweepFile(dir: string, name: string, lines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, ['kind: sweep', `scenario: ${JSON.stringify(join(root, 'scenarios/epstein/run2.yaml'))}`, ...lines, ''].join('\n'));
  return file;
}

/** A smaller copy of experiments/epstein-sweep.yaml, with series so that those are compared too. */
const SMALL_SWEEP = [
  'factors:',
  '  - { path: legitimacy, range: [0.7, 0.9], levels: 3 }',
  '  - { path: cops.density, values: [0.02, 0.04, 0.06] }',
  'design: { type: factorial }',
  'replicates: 2',
  'seed: 2002',
  'steps: 150',
  'series: true',
  'outputs:',
  '  summaries:',
  '    - { name: first_explosion, stat: first_passage, indicator: active, above: 50 }',
  '    - { name: outbursts, stat: episodes, indicator: active, above: 50 }',
  '    - { name: mean_active, stat: mean, indicator: active, from: 50 }',
  '    - { name: mean_jailed, stat: mean, indicator: jailed, from: 50 }',
];

/** runs.csv without elapsed_ms (a measurement, the last column) and series.csv, as exported. */
async function exported(db: string, dir: string) {
  await exportStore(db, { format: 'csv', tables: ['runs', 'series'], outDir: dir });
  const runs = readFileSync(join(dir, 'runs.csv'), 'utf8')
    .split('\n')
    .map((l) => l.slice(0, Math.max(0, l.lastIndexOf(','))))
    .join('\n');
  return { runs, series: readFileSync(join(dir, 'series.csv'), 'utf8') };
}

async function experiment(args: string[]) {
  const r = await powderkeg(['experiment', ...args, '--json']);
  if (r.code !== 0) throw new Error(`powderkeg experiment ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { executor: string; runs: number; ran: number; failed: number };
}

const runsOf = (w: WorkerProcess, queue?: string) => w.events().filter((e) => e.event === 'run' && (queue === undefined || e.queue === queue)).length;

/** The same sweep on a larger lattice, so that runs take a while (~0.1 s) and a kill lands mid-way. */
function slowSweep(dir: string, name: string, seed: number): string {
  const lines = SMALL_SWEEP.map((l) => l.replace('levels: 3', 'levels: 4').replace('steps: 150', 'steps: 200').replace('seed: 2002', `seed: ${seed}`));
  return sweepFile(dir, name, ['set: { grid: { width: 80, height: 80 } }', ...lines]);
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!haveRedisServer)('experiments on powderkeg workers through Redis', () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let client: Redis;
  const dir = tempDir('pk-redis-');

  beforeAll(async () => {
    ensureBuilt();
    redis = await startRedisServer();
    client = new Redis(redis.url);
    // A short lock so that a killed worker's run is taken over within seconds, not a minute.
    workers = await Promise.all([startWorker(redis.url, ['--lock-ms', '1000']), startWorker(redis.url, ['--lock-ms', '1000'])]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopChild(w.child, 'SIGKILL')));
    client?.disconnect();
    await redis?.stop();
  });

  it('gives byte-identical runs and series to the local executor, and leaves Redis clean', async () => {
    const file = sweepFile(dir, 'small-sweep', SMALL_SWEEP);
    const local = await experiment([file, '--db', join(dir, 'local.duckdb'), '--workers', '2']);
    const remote = await experiment([file, '--db', join(dir, 'redis.duckdb'), '--executor', 'redis', '--redis', redis.url]);
    expect(remote).toMatchObject({ executor: 'redis', runs: 18, ran: 18, failed: 0 });
    expect(local).toMatchObject({ executor: 'local', runs: 18, ran: 18, failed: 0 });
    // Every run came from the workers. On a busy machine one worker may take them all before the
    // other has seen the queue; results combined from two workers are compared with a local run
    // in "finishes every run exactly once when a worker is killed" (the victim runs some, the survivor the rest).
    expect(workers.reduce((n, w) => n + runsOf(w), 0)).toBeGreaterThanOrEqual(18);
    const a = await exported(join(dir, 'local.duckdb'), join(dir, 'local'));
    const b = await exported(join(dir, 'redis.duckdb'), join(dir, 'redis'));
    expect(b.runs.split('\n').length).toBe(18 + 2);
    expect(b.runs).toBe(a.runs);
    expect(b.series).toBe(a.series);
    expect(await client.hgetall(QUEUE_REGISTRY)).toEqual({});
    // A worker's stall check may write its marker (which expires by itself) before it notices the queue is gone.
    // (A queue's small `meta` hash, which BullMQ may write again as a worker leaves, is tolerated: see docs/distributed.md.)
    let left: string[] = [];
    await until(async () => (left = (await client.keys('bull:*')).filter((k) => !k.endsWith(':meta'))).length === 0, 30_000, 'the finished queue to leave Redis').catch((err: Error) => {
      throw new Error(`${err.message}; still there: ${left.join(', ')}`);
    });
  }, 120_000);

  it('records a run that throws as failed with its error, and runs the others', async () => {
    const db = join(dir, 'failing.duckdb');
    const out = await runExperiment(loadToy(join(fixtures, 'toy-failing.yaml')), {
      db,
      executor: (job) => new RedisExecutor(job, { url: redis.url }),
      model: toyModule,
    });
    expect(out).toMatchObject({ runs: 8, ran: 8, failed: 4 });
    const store = await ExperimentStore.open(db);
    const runs = await store.query('SELECT fail_at, status, error, max_active, steps FROM runs ORDER BY "row", replicate');
    const series = await store.query('SELECT fail_at, count(*) AS n FROM series JOIN runs USING (run_id) GROUP BY fail_at');
    store.close();
    for (const r of runs) {
      if (r.fail_at === 10) expect(r).toMatchObject({ status: 'failed', error: 'Error: toy failure at step 10', max_active: null, steps: 0 });
      else expect(r).toMatchObject({ status: 'ok', error: null, steps: 30 });
    }
    expect(series).toEqual([{ fail_at: 1000, n: 4 * 31 }]);
  }, 30_000);

  it('resumes a killed submission from the results left in Redis, running nothing twice', async () => {
    const file = slowSweep(dir, 'resume-sweep', 11);
    const db = join(dir, 'resumed.duckdb');
    const submit = startPowderkeg(['experiment', file, '--db', db, '--executor', 'redis', '--redis', redis.url, '--json']);
    const queueName = queueNameFor(loadExperiment(file).hash);
    await until(() => workers.reduce((n, w) => n + runsOf(w, queueName), 0) >= 6, 30_000, 'six runs');
    submit.child.kill('SIGKILL');
    await submit.done;
    // The workers go on with what was queued; wait until they have run it all.
    const queue = new Queue(queueName, { connection: { url: redis.url } });
    await until(async () => {
      const c = await queue.getJobCounts('waiting', 'active');
      return c.waiting + c.active === 0;
    }, 30_000, 'the queue to drain');
    await queue.close();
    const resumed = await experiment([file, '--db', db, '--executor', 'redis', '--redis', redis.url, '--resume']);
    expect(resumed).toMatchObject({ runs: 24, failed: 0 });
    const ranByWorkers = workers.reduce((n, w) => n + runsOf(w, queueName), 0);
    console.log(`submitter killed after ${24 - (resumed as { ran: number }).ran} runs were stored; the workers ran ${ranByWorkers} runs in all`);
    expect(ranByWorkers).toBe(24);
    const store = await ExperimentStore.open(db);
    const [counts] = await store.query("SELECT count(*) AS n, count(DISTINCT run_id) AS ids, count(*) FILTER (WHERE status = 'ok') AS ok FROM runs");
    store.close();
    expect(counts).toEqual({ n: 24, ids: 24, ok: 24 });
  }, 120_000);

  it('leaves experiments submitted by another powderkeg version to workers of that version', async () => {
    const name = 'powderkeg-from-another-version';
    const queue = new Queue(name, { connection: { url: redis.url } });
    await queue.add('run', { job: null, task: null }, { jobId: 'r0' });
    await client.hset(QUEUE_REGISTRY, name, '0.0.0-elsewhere');
    try {
      await Promise.all(workers.map((w) => w.waitFor((e) => e.event === 'skip' && e.queue === name, 5000, 'the worker to skip the queue')));
      expect(workers[0].events().find((e) => e.event === 'skip')).toMatchObject({ version: '0.0.0-elsewhere' });
      // Past a few registry polls, and the job is still untouched.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await queue.getJobState('r0')).toBe('waiting');
      expect(workers.some((w) => w.events().some((e) => e.event === 'queue' && e.queue === name))).toBe(false);
    } finally {
      await client.hdel(QUEUE_REGISTRY, name);
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 20_000);

  it('tells the submitter when runs are out and no worker listens', async () => {
    const counts: number[] = [];
    const [job] = [{ model: { id: 'civil-violence' }, scenario: {}, factorPaths: {}, steps: 1, summaries: [], series: null, every: 1 }];
    // A queue outside the prefix the workers look for: nobody will take its run.
    const executor = new RedisExecutor(job, { url: redis.url, queue: 'unwatched-queue', noticeMs: 300, onWaiting: (n) => counts.push(n) });
    const batch = executor.runBatch([{ runId: 'r-0-x', row: 0, replicate: 0, seed: 1, params: {} }], () => undefined);
    const settled = batch.then(() => 'finished', () => 'aborted');
    await until(() => counts.length > 0, 5000, 'a notice');
    expect(counts[0]).toBe(0);
    await executor.close();
    expect(await settled).toBe('aborted');
    const queue = new Queue('unwatched-queue', { connection: { url: redis.url } });
    await queue.obliterate({ force: true });
    await queue.close();
  }, 20_000);

  it('finishes every run exactly once when a worker is killed mid-way', async () => {
    const file = slowSweep(dir, 'kill-sweep', 2002);
    const db = join(dir, 'killed.duckdb');
    const [victim, survivor] = workers;
    const before = runsOf(victim);
    const running = experiment([file, '--db', db, '--executor', 'redis', '--redis', redis.url]);
    await victim.waitFor(() => runsOf(victim) >= before + 2, 30_000, 'the worker to finish two runs');
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    const killedAfter = runsOf(victim) - before;
    const out = await running;
    console.log(`killed a worker after its ${killedAfter} runs; the experiment finished ${Date.now() - killedAt} ms later`);
    expect(out).toMatchObject({ runs: 24, ran: 24, failed: 0 });
    expect(killedAfter).toBeLessThan(24);
    const store = await ExperimentStore.open(db);
    const [counts] = await store.query("SELECT count(*) AS n, count(DISTINCT run_id) AS ids, count(*) FILTER (WHERE status = 'ok') AS ok FROM runs");
    store.close();
    expect(counts).toEqual({ n: 24, ids: 24, ok: 24 });
    // And the runs are still the ones a local executor makes.
    await experiment([file, '--db', join(dir, 'killed-local.duckdb'), '--workers', '2']);
    const a = await exported(join(dir, 'killed-local.duckdb'), join(dir, 'killed-local'));
    const b = await exported(db, join(dir, 'killed-redis'));
    expect(b.runs).toBe(a.runs);
    expect(b.series).toBe(a.series);
    // The victim held a run when it died (it fetches the next as it hands one back): the survivor took it over.
    expect(survivor.events().filter((e) => e.event === 'stalled').length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('a worker stops cleanly on SIGTERM', async () => {
    const survivor = workers[1];
    survivor.child.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect(survivor.events().at(-1)).toMatchObject({ event: 'stopped', reason: 'signal' });
  }, 20_000);
});
