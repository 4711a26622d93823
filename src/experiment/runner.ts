import { existsSync } from 'node:fs';
import { removeStoreFiles } from '../store/atomic-write.js';
import { ExperimentStore, type StoreLayout } from '../store/experiment-store.js';
import type { SqlType } from '../store/sql-types.js';
import { UserError } from '../errors.js';
import type { Executor, JobSpec, RunResult, RunTask } from './executor.js';
import { runKind } from './kinds/index.js';
import { jobSpec, type LoadedExperiment } from './load.js';
import { factorColumnName, type Factor } from './schema.js';
import { POWDERKEG_VERSION } from './version.js';
import { ShardComplete, ShardPlan, checkShardStore, checkShardable, markShardComplete, type ShardSpec } from './shard.js';
import { writeStoreMeta } from './store-meta.js';
import { storeMismatch } from './store-mismatch.js';
import { canonicalJson } from '../scenario/canonical-json.js';
import { MODEL_META } from '../store/tables.js';

export interface RunProgress {
  /** Runs planned so far (calibration learns its total as it goes). */
  readonly total: number;
  /** Runs finished in this session or found already recorded. */
  readonly done: number;
  readonly failed: number;
  /** Runs found already recorded (resume). */
  readonly skipped: number;
}

export interface RunExperimentOptions {
  readonly db: string;
  readonly resume?: boolean;
  /** Builds the executor for the job (LocalExecutor on the CLI, InlineExecutor in tests). */
  readonly executor: (job: JobSpec) => Executor;
  /** Overrides where workers find the model (tests use models outside the registry). */
  readonly model?: JobSpec['model'];
  readonly onProgress?: (p: RunProgress) => void;
  /** Runs per store transaction; smaller loses less on a kill, larger writes faster. */
  readonly batchSize?: number;
  /** Longest time a finished run waits in memory before it is committed. */
  readonly flushMs?: number;
  /**
   * Stops the experiment (Ctrl-C): the runs finished so far are committed, the workers are
   * stopped and the store is closed, then the signal's reason (an Interrupted) is thrown.
   */
  readonly signal?: AbortSignal;
  /** Run only this shard's runs and no analyses (see shard.ts; `powderkeg merge` finishes). */
  readonly shard?: ShardSpec;
}

export interface ExperimentOutcome {
  readonly db: string;
  readonly runs: number;
  readonly ran: number;
  readonly skipped: number;
  readonly failed: number;
  readonly tables: readonly string[];
}

/** What a kind (ensemble, sweep, ...) gets to work with. */
export interface KindContext {
  readonly x: LoadedExperiment;
  readonly job: JobSpec;
  readonly store: ExperimentStore;
  /** Runs the tasks not yet recorded ok, committing results in batches as they come. */
  run(tasks: Iterable<RunTask>, count: number): Promise<void>;
}

/**
 * Runs an experiment into its store: creates or reopens it, runs what is missing, then the
 * kind's analyses. A run that throws is recorded as failed and the others go on.
 */
export async function runExperiment(x: LoadedExperiment, options: RunExperimentOptions): Promise<ExperimentOutcome> {
  const db = options.db;
  const exists = existsSync(db);
  checkShardable(x.experiment, options.shard, x.file);
  if (exists && !options.resume) {
    throw new UserError({ file: db, message: 'an experiment store already exists here; add --resume to continue it, or choose another file with --db' });
  }
  const job = jobSpec(x, options.model);
  let store: ExperimentStore;
  let created = false;
  if (exists) {
    store = await ExperimentStore.open(db);
    const manifest = await store.manifest();
    if (manifest.experiment_hash !== x.hash) {
      store.close();
      throw new UserError({
        file: db,
        message: `this store was made by a different experiment: ${storeMismatch(manifest, x)}; undo the change to continue this store, or choose another file with --db for the changed experiment`,
      });
    }
    await store.dropFailedRuns();
  } else {
    store = await ExperimentStore.create(db, manifestInfo(x), layoutOf(x));
    created = true;
  }
  const shard = options.shard ? new ShardPlan(options.shard) : undefined;
  try {
    await checkShardStore(store, options.shard, created);
  } catch (err) {
    store.close();
    throw err;
  }
  // Only what an earlier session recorded: new runs are never asked for twice in one session.
  const recorded = await store.recordedRuns();
  const counts = { total: 0, done: 0, failed: 0, skipped: 0, ran: 0 };
  const report = () => options.onProgress?.({ total: counts.total, done: counts.done, failed: counts.failed, skipped: counts.skipped });
  // Built on first use, inside the try below, so that a pool that cannot start leaves no store behind.
  let executor: Executor | undefined;
  const batchSize = options.batchSize ?? 32;
  const flushMs = options.flushMs ?? 500;

  const ctx: KindContext = {
    x,
    job,
    store,
    async run(tasks, count) {
      counts.total += shard ? shard.countOf(count) : count;
      const todo = function* () {
        for (const t of shard ? shard.select(tasks) : tasks) {
          if (recorded.get(t.runId) === 'ok') {
            counts.done++;
            counts.skipped++;
            continue;
          }
          yield t;
        }
      };
      let buffer: RunResult[] = [];
      let lastFlush = Date.now();
      // One commit at a time, also when an interrupt flushes while a batch is being written.
      let writing: Promise<void> = Promise.resolve();
      const flush = () => {
        const batch = buffer;
        buffer = [];
        lastFlush = Date.now();
        writing = writing.then(() => store.appendRuns(batch));
        return writing;
      };
      let stopped = false;
      let lastYield = Date.now();
      report();
      executor ??= options.executor(job);
      const batch = executor.runBatch(todo(), async (result) => {
        if (stopped) return;
        // Runs on this thread (the inline executor) would otherwise never let a signal in.
        if (options.signal && Date.now() - lastYield > 50) {
          lastYield = Date.now();
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        buffer.push(result);
        counts.done++;
        counts.ran++;
        if (result.status === 'failed') counts.failed++;
        if (buffer.length >= batchSize || Date.now() - lastFlush >= flushMs) await flush();
        report();
      });
      const abort = options.signal ? rejectOnAbort(options.signal) : undefined;
      try {
        await (abort ? Promise.race([batch, abort.promise]) : batch);
      } catch (err) {
        stopped = true;
        batch.catch(() => undefined);
        // Interrupted: what finished is kept (never lost, never run twice on --resume). After a
        // failure the batch in flight is dropped, as a crash would drop it, and run again on --resume.
        if (options.signal?.aborted) await flush();
        throw err;
      } finally {
        abort?.dispose();
      }
      await flush();
      report();
      // A shard has all its runs now; the analyses need every shard's (powderkeg merge).
      if (shard) throw new ShardComplete();
    },
  };

  let finished = false;
  try {
    // The store describes its model and scenario, so readers need neither (a resumed store made before gets it now).
    if (created || !(await store.tableNames()).includes(MODEL_META.name)) await writeStoreMeta(store, x.scenario, x.observed);
    try {
      await runKind(ctx);
    } catch (err) {
      if (!(shard && err instanceof ShardComplete)) throw err;
    }
    if (shard) await markShardComplete(store, shard.spec);
    else await store.setStatus('complete');
    finished = true;
    const tables = await store.tableNames();
    return { db, runs: counts.total, ran: counts.ran, skipped: counts.skipped, failed: counts.failed, tables };
  } finally {
    await executor?.close().catch(() => undefined);
    store.close();
    // A new store that never got a run is noise; one with runs is kept for --resume.
    if (!finished && created && counts.ran === 0) await removeStoreFiles(db);
  }
}

/**
 * A promise that rejects when the signal aborts, and a dispose that takes its listener off again:
 * a calibration runs one batch per generation, and listeners left behind would pile up on the
 * one signal (Node warns past ten).
 */
export function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = () => undefined as void;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

function manifestInfo(x: LoadedExperiment) {
  return {
    powderkeg_version: POWDERKEG_VERSION,
    kind: x.experiment.kind,
    experiment_file: x.file,
    experiment_hash: x.hash,
    scenario_file: x.scenario.file,
    scenario_hash: x.scenario.hash,
    model: x.scenario.model.id,
    seed: x.experiment.seed,
    experiment_json: JSON.stringify(x.experiment),
    scenario_json: canonicalJson(x.scenario.scenario),
  };
}

function layoutOf(x: LoadedExperiment): StoreLayout {
  return {
    factors: x.experiment.factors.map((f) => ({ name: factorColumnName(f), path: f.path, type: factorType(f) })),
    summaries: x.experiment.outputs.summaries.map((s) => s.name),
  };
}

function factorType(f: Factor): SqlType {
  if (f.integer) return 'BIGINT';
  if (!f.values) return 'DOUBLE';
  if (f.values.every((v) => typeof v === 'number')) return 'DOUBLE';
  if (f.values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}
