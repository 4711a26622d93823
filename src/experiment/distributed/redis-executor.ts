import { createHash } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { canonicalJson } from '../../scenario/canonical-json.js';
import { UserError } from '../../errors.js';
import { POWDERKEG_VERSION } from '../version.js';
import type { Executor, JobSpec, RunResult, RunTask } from '../executor.js';
import { runWindowed } from '../windowed.js';
import { decodeComputed, encodeJobData, type RunJobData } from './job-data.js';
import { FINISHED_PREFIX, QUEUE_REGISTRY, connectionOptions, openWatchdog, queueNameFor, reachRedis } from './redis-connection.js';
import { SubmitterLock } from './submitter-lock.js';

/** How long Redis may stay unreachable before the submitter gives up, unless told otherwise. */
export const DEFAULT_REDIS_TIMEOUT_MS = 60_000;

export interface RedisExecutorOptions {
  /** redis:// or rediss:// URL of the Redis that the workers also use. */
  readonly url: string;
  /** Queue name; default: derived from a hash of the job (the CLI passes the experiment's hash). */
  readonly queue?: string;
  /** Jobs queued or running at once: enough to keep every worker busy, few enough to keep Redis small. */
  readonly window?: number;
  /**
   * Called with the number of workers listening when runs are out and none has come back for
   * `noticeMs` (default 10 s): a submitter with no worker would otherwise wait in silence.
   */
  readonly onWaiting?: (workers: number) => void;
  readonly noticeMs?: number;
  /** Redis unreachable for this long fails the experiment (default 60 s); --resume continues it. */
  readonly timeoutMs?: number;
  /** How often Redis is checked: reachable, still holding every run out, our lock (default: timeout / 5, at most 2 s). */
  readonly checkMs?: number;
  /** Expiry of the one-submitter-per-queue lock, renewed every check (default 15 s). */
  readonly lockTtlMs?: number;
  readonly onEvent?: (event: SubmitterEvent) => void;
}

export type SubmitterEvent =
  | { readonly event: 'redis-lost'; readonly error: string }
  | { readonly event: 'redis-back'; readonly downMs: number }
  /** Runs that Redis no longer had (it restarted without its data), queued again. */
  | { readonly event: 'resubmitted'; readonly runs: number };

interface Connected {
  readonly queue: Queue<RunJobData>;
  readonly events: QueueEvents;
  /** Fails fast while Redis is gone, so that checks notice an outage instead of waiting in it. */
  readonly watchdog: Redis;
  readonly lock: SubmitterLock;
}

interface Pending {
  readonly task: RunTask;
  /** Set once Redis has accepted the job; before that a check must not take it for lost. */
  queued: boolean;
  readonly resolve: (result: RunResult) => void;
  readonly reject: (err: Error) => void;
}

// KEYS: the job hash, the completed and failed sets; ARGV[1] job id. {-1} gone, {0} queued or
// running, {1, returnvalue}, {2, failedReason}.
const JOB_STATE = `
if redis.call('EXISTS', KEYS[1]) ~= 1 then return {-1} end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {1, redis.call('HGET', KEYS[1], 'returnvalue')} end
if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return {2, redis.call('HGET', KEYS[1], 'failedReason')} end
return {0}`;

/**
 * Runs tasks on `powderkeg worker` processes through a BullMQ queue. The job id is the run id,
 * so a task is never queued twice, and each run is handed on once: the first completion of a run
 * out is taken, any later one (a duplicate event, a completion found by a check) is ignored.
 *
 * Redis is checked every `checkMs`: a run it no longer holds (a restart without its data) is
 * queued again, a completion whose event was lost is read from the job, and an outage longer
 * than `timeoutMs` fails the experiment with a user error (the store keeps what was committed;
 * --resume goes on). The latest results stay in Redis (a few windows' worth, more than the runner
 * holds uncommitted), so that a resumed session reuses them instead of running them again.
 */
export class RedisExecutor implements Executor {
  readonly queueName: string;
  /** Completions that arrived for a run no longer out (for tests: duplicates are ignored). */
  duplicatesIgnored = 0;
  private readonly window: number;
  private readonly timeoutMs: number;
  private readonly checkMs: number;
  private connected: Promise<Connected> | undefined;
  private readonly pending = new Map<string, Pending>();
  private fatal: Error | undefined;
  /** Rejected by close() or a fatal error: BullMQ's waits never end by themselves. */
  private readonly aborted: Promise<never>;
  private abort!: (reason: Error) => void;
  private watchTimer: NodeJS.Timeout | undefined;
  private lastContact = Date.now();
  private downSince: number | undefined;
  private closing = false;
  private failed = false;
  /** Another submitter holds the queue now: what is in Redis is its business. */
  private lockLost = false;

  constructor(private readonly job: JobSpec, private readonly options: RedisExecutorOptions) {
    this.queueName = options.queue ?? queueNameFor(createHash('sha256').update(canonicalJson(job)).digest('hex'));
    this.window = Math.max(1, Math.floor(options.window ?? 64));
    this.timeoutMs = Math.max(1, options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS);
    this.checkMs = Math.max(50, options.checkMs ?? Math.min(2000, this.timeoutMs / 5));
    this.aborted = new Promise<never>((_, reject) => (this.abort = reject));
    this.aborted.catch(() => undefined);
  }

  private connect(): Promise<Connected> {
    this.connected ??= (async () => {
      await reachRedis(this.options.url);
      const watchdog = openWatchdog(this.options.url);
      const lock = new SubmitterLock(watchdog, this.queueName, Math.max(this.options.lockTtlMs ?? 15_000, 3 * this.checkMs));
      try {
        await waitReady(watchdog);
        await lock.acquire(this.options.url);
      } catch (err) {
        watchdog.disconnect();
        throw err;
      }
      const connection = connectionOptions(this.options.url);
      const queue = new Queue<RunJobData>(this.queueName, { connection });
      const events = new QueueEvents(this.queueName, { connection });
      queue.on('error', () => undefined);
      events.on('error', () => undefined);
      events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, (task) => computed(task, returnvalue)));
      events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, (task) => failedRun(task, failedReason)));
      // Listening before anything is queued, so that no completion can be missed.
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      await watchdog.del(`${FINISHED_PREFIX}${this.queueName}`);
      await watchdog.hset(QUEUE_REGISTRY, this.queueName, POWDERKEG_VERSION);
      const c: Connected = { queue, events, watchdog, lock };
      this.lastContact = Date.now();
      this.watchTimer = setInterval(() => void this.watch(c), this.checkMs);
      return c;
    })();
    return this.connected;
  }

  async runBatch(tasks: Iterable<RunTask>, onResult: (result: RunResult) => void | Promise<void>): Promise<void> {
    if (this.fatal) throw this.fatal;
    const c = await this.connect();
    let lastResult = Date.now();
    const notice = this.options.onWaiting;
    const noticeMs = this.options.noticeMs ?? 10_000;
    const timer = notice
      ? setInterval(() => {
          if (this.pending.size === 0 || Date.now() - lastResult < noticeMs) return;
          lastResult = Date.now();
          c.queue.getWorkersCount().then(notice, () => undefined);
        }, Math.min(noticeMs, 1000))
      : undefined;
    const run = async (task: RunTask): Promise<RunResult> => {
      try {
        return await this.runOne(c, task);
      } finally {
        lastResult = Date.now();
      }
    };
    try {
      // After a failure the runs still out are left to the workers; close() stops waiting for them.
      await runWindowed(tasks, this.window, run, onResult, { waitForStragglers: false });
    } catch (err) {
      this.failed = true;
      throw err;
    } finally {
      clearInterval(timer);
    }
  }

  private async runOne(c: Connected, task: RunTask): Promise<RunResult> {
    const result = new Promise<RunResult>((resolve, reject) => this.pending.set(task.runId, { task, queued: false, resolve, reject }));
    result.catch(() => undefined);
    // A Redis that fails here is the checks' business: they queue again whatever it does not hold.
    await Promise.race([this.enqueue(c, task).catch(() => undefined), this.aborted]);
    const entry = this.pending.get(task.runId);
    if (entry) entry.queued = true;
    // A run finished in an earlier session, whose result is still in Redis, sends no event.
    await Promise.race([this.check(c, task.runId).catch(() => undefined), this.aborted]);
    return Promise.race([result, this.aborted]);
  }

  private async enqueue(c: Connected, task: RunTask): Promise<void> {
    // A job that BullMQ gave up on in an earlier session (a worker lost twice) is run afresh.
    if ((await c.queue.getJobState(task.runId)) === 'failed') await c.queue.remove(task.runId);
    await c.queue.add('run', encodeJobData(this.job, task), {
      jobId: task.runId,
      attempts: 1,
      removeOnComplete: { count: this.window * 4 },
    });
  }

  /** Hands a run's result on once; a run no longer out (a duplicate completion) is ignored. */
  private settle(runId: string, make: (task: RunTask) => RunResult): void {
    const entry = this.pending.get(runId);
    if (!entry) {
      this.duplicatesIgnored++;
      return;
    }
    this.pending.delete(runId);
    entry.resolve(make(entry.task));
  }

  /** What Redis says of one run out: gone (queue it again), finished (take its result), or still to come. */
  private async check(c: Connected, runId: string): Promise<'lost' | 'settled' | 'out'> {
    const keys = [c.queue.toKey(runId), c.queue.toKey('completed'), c.queue.toKey('failed')];
    const [code, value] = (await c.watchdog.eval(JOB_STATE, 3, ...keys, runId)) as [number, string | null];
    if (code === -1) return 'lost';
    if (code === 1) this.settle(runId, (task) => computed(task, JSON.parse(value ?? 'null')));
    else if (code === 2) this.settle(runId, (task) => failedRun(task, value ?? 'failed'));
    return code === 0 ? 'out' : 'settled';
  }

  private watching = false;

  /** One health check: Redis answers, our lock holds, the registry lists us, every run out is still there. */
  private async watch(c: Connected): Promise<void> {
    if (this.watching || this.closing || this.fatal) return;
    this.watching = true;
    try {
      await withTimeout(c.watchdog.ping(), this.checkMs, 'no answer to PING');
      if (!(await c.lock.refresh())) {
        this.lockLost = true;
        return this.fail(new UserError({ path: '--redis', message: `another submitter took over this experiment's queue ${this.queueName} on ${this.options.url}; this one stops` }));
      }
      await c.watchdog.hset(QUEUE_REGISTRY, this.queueName, POWDERKEG_VERSION);
      let lost = 0;
      for (const [runId, entry] of [...this.pending]) {
        if (!entry.queued || this.closing) continue;
        if ((await this.check(c, runId)) !== 'lost' || !this.pending.has(runId)) continue;
        await withTimeout(this.enqueue(c, entry.task), this.timeoutMs, 'could not queue a run again');
        lost++;
      }
      if (this.downSince !== undefined) this.options.onEvent?.({ event: 'redis-back', downMs: Date.now() - this.downSince });
      this.downSince = undefined;
      this.lastContact = Date.now();
      if (lost > 0) this.options.onEvent?.({ event: 'resubmitted', runs: lost });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (this.downSince === undefined) {
        this.downSince = this.lastContact;
        this.options.onEvent?.({ event: 'redis-lost', error: reason });
      }
      if (Date.now() - this.lastContact >= this.timeoutMs) {
        const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;
        this.fail(
          new UserError({
            path: '--redis',
            message: `lost Redis at ${this.options.url} for ${s(Date.now() - this.lastContact)} (--redis-timeout ${s(this.timeoutMs)}; last error: ${reason}); the runs committed so far are in the store: when Redis is back, run the same command with --resume`,
          }),
        );
      }
    } finally {
      this.watching = false;
    }
  }

  private fail(err: Error): void {
    this.fatal ??= err;
    this.failed = true;
    clearInterval(this.watchTimer);
    for (const entry of this.pending.values()) entry.reject(this.fatal);
    this.pending.clear();
    this.abort(this.fatal);
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    this.closing = true;
    clearInterval(this.watchTimer);
    this.abort(new Error('the executor was closed with runs still out'));
    const c = await this.connected.catch(() => undefined);
    if (!c) return;
    // Nothing here may hang on a Redis that is gone: every step is bounded, then the clients are cut.
    const bounded = <T>(p: Promise<T>) => withTimeout(p, 2000, 'Redis did not answer').catch(() => undefined);
    const reachable = this.downSince === undefined;
    if (!reachable) {
      c.watchdog.disconnect();
      await Promise.all([bounded(c.queue.disconnect()), bounded(c.events.close())]);
      return;
    }
    if (!this.lockLost) {
      // Workers stop watching a queue once it leaves the registry and has nothing left to run.
      await bounded(c.watchdog.hdel(QUEUE_REGISTRY, this.queueName));
      // A finished experiment leaves nothing behind; results of an interrupted one stay for --resume.
      const pending = await bounded(c.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'paused'));
      if (!this.failed && pending && Object.values(pending).every((n) => n === 0)) {
        await bounded(c.watchdog.set(`${FINISHED_PREFIX}${this.queueName}`, '1', 'EX', 60));
        await bounded(c.queue.obliterate());
      }
      await bounded(c.lock.release());
    }
    await Promise.all([bounded(c.queue.close()), bounded(c.events.close())]);
    await bounded(c.queue.disconnect());
    c.watchdog.disconnect();
  }
}

function computed(task: RunTask, value: unknown): RunResult {
  try {
    return { runId: task.runId, row: task.row, replicate: task.replicate, seed: task.seed, params: task.params, ...decodeComputed(value) };
  } catch (err) {
    return failedRun(task, err);
  }
}

function waitReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return withTimeout(new Promise<void>((resolve) => client.once('ready', () => resolve())), 10_000, 'Redis did not become ready');
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** BullMQ gave up on the job: its thread died, or its worker died more than once while running it. */
function failedRun(task: RunTask, err: unknown): RunResult {
  return {
    ...task,
    status: 'failed',
    error: `worker failed: ${err instanceof Error ? err.message : String(err)}`,
    summaries: [],
    steps: 0,
    elapsedMs: 0,
    series: null,
  };
}
