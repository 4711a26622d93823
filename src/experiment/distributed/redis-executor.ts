import { createHash } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { canonicalJson } from '../../scenario/canonical-json.js';
import { POWDERKEG_VERSION } from '../version.js';
import type { Executor, JobSpec, RunResult, RunTask } from '../executor.js';
import { runWindowed } from '../windowed.js';
import { decodeComputed, encodeJobData, type RunJobData } from './job-data.js';
import { QUEUE_REGISTRY, connectionOptions, openRedis, queueNameFor, reachRedis } from './redis-connection.js';

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
}

interface Connected {
  readonly queue: Queue<RunJobData>;
  readonly events: QueueEvents;
  readonly registry: Redis;
}

/**
 * Runs tasks on `powderkeg worker` processes through a BullMQ queue. The job id is the run id,
 * so a task is never queued twice. The latest results stay in Redis (a few windows' worth, more
 * than the runner holds uncommitted), so that a resumed session reuses the runs an interrupted one
 * had queued or received but not stored, instead of running them again.
 */
export class RedisExecutor implements Executor {
  readonly queueName: string;
  private readonly window: number;
  private connected: Promise<Connected> | undefined;
  /** Rejected by close(): BullMQ's waits for a job never end by themselves. */
  private readonly aborted: Promise<never>;
  private abort!: (reason: Error) => void;

  constructor(private readonly job: JobSpec, private readonly options: RedisExecutorOptions) {
    this.queueName = options.queue ?? queueNameFor(createHash('sha256').update(canonicalJson(job)).digest('hex'));
    this.window = Math.max(1, Math.floor(options.window ?? 64));
    this.aborted = new Promise<never>((_, reject) => (this.abort = reject));
    this.aborted.catch(() => undefined);
  }

  private connect(): Promise<Connected> {
    this.connected ??= (async () => {
      await reachRedis(this.options.url);
      const connection = connectionOptions(this.options.url);
      const queue = new Queue<RunJobData>(this.queueName, { connection });
      const events = new QueueEvents(this.queueName, { connection });
      const registry = openRedis(this.options.url);
      // Every run in the window waits on these emitters.
      queue.setMaxListeners(this.window + 16);
      events.setMaxListeners(this.window + 16);
      // Listening before anything is queued, so that no completion can be missed.
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
      await registry.hset(QUEUE_REGISTRY, this.queueName, POWDERKEG_VERSION);
      return { queue, events, registry };
    })();
    return this.connected;
  }

  async runBatch(tasks: Iterable<RunTask>, onResult: (result: RunResult) => void | Promise<void>): Promise<void> {
    const c = await this.connect();
    let pending = 0;
    let lastResult = Date.now();
    const notice = this.options.onWaiting;
    const noticeMs = this.options.noticeMs ?? 10_000;
    const timer = notice
      ? setInterval(() => {
          if (pending === 0 || Date.now() - lastResult < noticeMs) return;
          lastResult = Date.now();
          c.queue.getWorkersCount().then(notice, () => undefined);
        }, Math.min(noticeMs, 1000))
      : undefined;
    const run = async (task: RunTask): Promise<RunResult> => {
      pending++;
      try {
        return await this.runOne(c, task);
      } finally {
        pending--;
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
    // A job that BullMQ gave up on in an earlier session (a worker lost twice) is run afresh.
    if ((await c.queue.getJobState(task.runId)) === 'failed') await c.queue.remove(task.runId);
    const job: Job<RunJobData> = await c.queue.add('run', encodeJobData(this.job, task), {
      jobId: task.runId,
      attempts: 1,
      removeOnComplete: { count: this.window * 4 },
    });
    try {
      const computed = decodeComputed(await Promise.race([job.waitUntilFinished(c.events), this.aborted]));
      return { runId: task.runId, row: task.row, replicate: task.replicate, seed: task.seed, params: task.params, ...computed };
    } catch (err) {
      if (this.closing) throw err;
      return failedRun(task, err);
    }
  }

  private closing = false;
  private failed = false;

  async close(): Promise<void> {
    if (!this.connected) return;
    this.closing = true;
    this.abort(new Error('the executor was closed with runs still out'));
    const c = await this.connected.catch(() => undefined);
    if (!c) return;
    // Workers stop watching a queue once it leaves the registry and has nothing left to run.
    await c.registry.hdel(QUEUE_REGISTRY, this.queueName).catch(() => undefined);
    // A finished experiment leaves nothing behind; results of an interrupted one stay for --resume.
    const pending = await c.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'paused').catch(() => ({ unknown: 1 }));
    if (!this.failed && Object.values(pending).every((n) => n === 0)) await c.queue.obliterate().catch(() => undefined);
    await Promise.allSettled([c.queue.close(), c.events.close()]);
    c.registry.disconnect();
  }
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
