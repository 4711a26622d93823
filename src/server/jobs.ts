import { InlineExecutor } from '../experiment/inline-executor.js';
import type { Executor } from '../experiment/executor.js';
import type { LoadedExperiment } from '../experiment/load.js';
import { LocalExecutor } from '../experiment/local-executor.js';
import { plannedRuns } from '../experiment/planned-runs.js';
import { runExperiment } from '../experiment/runner.js';
import { HttpError } from './http-error.js';

export interface JobStatus {
  readonly id: string;
  /** Store id (relative to the served folder). */
  readonly store: string;
  readonly experimentFile: string;
  readonly state: 'running' | 'complete' | 'failed';
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly error?: string;
}

interface Job {
  status: JobStatus;
  readonly db: string;
  readonly finished: Promise<void>;
}

/**
 * Experiments this server started, run by the same runner as `powderkeg experiment` (so they
 * commit in batches and resume the same way). One at a time: the machine's cores go to it.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly workers: number) {}

  list(): JobStatus[] {
    return [...this.jobs.values()].map((j) => j.status);
  }

  get(id: string): JobStatus | undefined {
    return this.jobs.get(id)?.status;
  }

  /** The running job writing this store (absolute path), if any. */
  runningFor(db: string): JobStatus | undefined {
    return [...this.jobs.values()].find((j) => j.db === db && j.status.state === 'running')?.status;
  }

  start(x: LoadedExperiment, ids: { id: string; store: string; experimentFile: string }, db: string, resume: boolean): JobStatus {
    const busy = [...this.jobs.values()].find((j) => j.status.state === 'running');
    if (busy) throw new HttpError(409, 'busy', `experiment "${busy.status.id}" is running; start this one when it has finished (GET /api/experiments/${busy.status.id})`);
    const status: JobStatus = { ...ids, state: 'running', total: plannedRuns(x.experiment), done: 0, failed: 0, skipped: 0, startedAt: new Date().toISOString() };
    const job: Job = {
      status,
      db,
      finished: runExperiment(x, {
        db,
        resume,
        executor: (spec): Executor => (this.workers === 0 ? new InlineExecutor(spec) : new LocalExecutor(spec, { workers: this.workers })),
        onProgress: (p) => {
          job.status = { ...job.status, total: Math.max(p.total, job.status.total), done: p.done, failed: p.failed, skipped: p.skipped };
        },
      }).then(
        () => {
          job.status = { ...job.status, state: 'complete', finishedAt: new Date().toISOString() };
        },
        (err: unknown) => {
          job.status = { ...job.status, state: 'failed', finishedAt: new Date().toISOString(), error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
        },
      ),
    };
    this.jobs.set(ids.id, job);
    return status;
  }

  /** Waits for running jobs (tests, and a graceful stop). */
  async settle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.finished));
  }
}
