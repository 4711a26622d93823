import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { buildStoreAtomic } from '../store/atomic-write.js';
import { ExperimentStore, type ManifestInfo, type StoreLayout } from '../store/experiment-store.js';
import { copyRuns, inspectStore, type InputStore } from '../store/merge.js';
import type { RunTask } from './executor.js';
import { runKind } from './kinds/index.js';
import { jobSpec, loadExperiment, type LoadedExperiment } from './load.js';
import type { KindContext } from './runner.js';

export interface MergeOptions {
  /** The experiment file; default: the one named in the inputs' manifest. */
  readonly experimentFile?: string;
  /** Loads the experiment (tests pass one that knows their toy model). */
  readonly load?: (file: string) => LoadedExperiment;
}

export interface MergeOutcome {
  readonly db: string;
  readonly inputs: number;
  readonly runs: number;
  /** Runs found in more than one input, identical, kept once. */
  readonly duplicates: number;
  readonly failed: number;
  readonly tables: readonly string[];
}

/** Manifest fields that must agree for stores to be parts of one experiment. */
const SAME = ['experiment_hash', 'powderkeg_version', 'kind', 'model', 'seed', 'layout_json'] as const;

/**
 * `powderkeg merge OUT IN...`: the shards of one experiment (or any stores of it) into one store
 * that equals a single run's: every planned run present exactly once, then the kind's analyses.
 * Written to a temporary file and renamed, so OUT is complete or absent.
 */
export async function mergeStores(out: string, inputPaths: readonly string[], options: MergeOptions = {}): Promise<MergeOutcome> {
  const target = resolve(out);
  if (inputPaths.length === 0) throw new UserError({ message: 'give the stores to merge: powderkeg merge OUT.duckdb IN1.duckdb IN2.duckdb ...' });
  if (existsSync(target)) throw new UserError({ file: target, message: 'already exists; merge into a new file' });
  const paths = [...new Set(inputPaths.map((p) => resolve(p)))];
  for (const p of paths) {
    if (p === target) throw new UserError({ file: p, message: 'is both an input and the output' });
    if (!existsSync(p)) throw new UserError({ file: p, message: 'no such store' });
  }
  const inputs: InputStore[] = [];
  for (const p of paths) inputs.push(await inspectStore(p));
  checkSameExperiment(inputs);
  checkShards(inputs);

  const first = inputs[0].manifest;
  const x = (options.load ?? ((f: string) => loadExperiment(f)))(options.experimentFile ?? String(first.experiment_file));
  if (x.hash !== first.experiment_hash) {
    throw new UserError({
      file: x.file,
      message: 'this experiment (or its scenario or data) is not the one the stores were run from; give the original with --experiment FILE',
    });
  }
  return buildStoreAtomic(
    target,
    async (temp) => {
      const store = await ExperimentStore.create(temp, manifestInfo(first), JSON.parse(String(first.layout_json)) as StoreLayout);
      try {
        const copied = await copyRuns(store, inputs);
        await runAnalyses(x, store);
        await store.setStatus('complete');
        const [failed] = await store.query(`SELECT count(*) AS n FROM runs WHERE status = 'failed'`);
        const tables = await store.tableNames();
        return { db: target, inputs: inputs.length, runs: copied.runs, duplicates: copied.duplicates, failed: Number(failed.n), tables };
      } finally {
        store.close();
      }
    },
    `${target}.merging-${process.pid}`,
  );
}

function checkSameExperiment(inputs: readonly InputStore[]): void {
  const [first, ...rest] = inputs;
  for (const input of rest) {
    const field = SAME.find((f) => String(input.manifest[f]) !== String(first.manifest[f]));
    if (field === undefined) continue;
    const what = field === 'powderkeg_version' ? 'another powderkeg version (its runs could differ)' : `another experiment (${field} differs)`;
    throw new UserError({ file: input.path, message: `was made by ${what} than ${first.path}; merge only stores of one experiment` });
  }
}

/** Every shard 0..N-1 present and finished; a store that is no shard must be complete. */
function checkShards(inputs: readonly InputStore[]): void {
  const counts = new Set(inputs.map((i) => i.shard?.count).filter((n) => n !== undefined));
  if (counts.size > 1) throw new UserError({ message: `the inputs are shards of different splits (${[...counts].map((n) => `/${n}`).join(', ')}); merge the shards of one --shard i/N run` });
  for (const input of inputs) {
    if (input.shard && !input.shard.complete) {
      throw new UserError({ file: input.path, message: `shard ${input.shard.index}/${input.shard.count} has not finished its runs; run it again with the same --shard and --resume` });
    }
    if (!input.shard && input.manifest.status !== 'complete') {
      throw new UserError({ file: input.path, message: 'this experiment store is incomplete; finish it with powderkeg experiment ... --resume first' });
    }
  }
  const [n] = counts;
  if (n === undefined || inputs.some((i) => !i.shard)) return;
  const have = new Set(inputs.map((i) => i.shard!.index));
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !have.has(i));
  if (missing.length > 0) {
    throw new UserError({ message: `shard ${missing.map((i) => `${i}/${n}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: every shard of the split is needed` });
  }
}

/**
 * The kind again, on a store that already has every run: its planned runs are checked to be there
 * (none is run), then its analyses are written as a single run would.
 */
async function runAnalyses(x: LoadedExperiment, store: ExperimentStore): Promise<void> {
  const recorded = await store.recordedRuns();
  const ctx: KindContext = {
    x,
    job: jobSpec(x),
    store,
    async run(tasks: Iterable<RunTask>) {
      const missing: RunTask[] = [];
      for (const t of tasks) if (!recorded.has(t.runId)) missing.push(t);
      if (missing.length === 0) return;
      const some = missing.slice(0, 3).map((t) => `row ${t.row} replicate ${t.replicate}`).join(', ');
      throw new UserError({
        message: `${missing.length} planned runs are in none of the inputs (${some}${missing.length > 3 ? ', ...' : ''}); merge every shard, or finish the store that lacks them with --resume`,
      });
    },
  };
  await runKind(ctx);
}

function manifestInfo(m: Record<string, unknown>): ManifestInfo {
  return {
    powderkeg_version: String(m.powderkeg_version),
    kind: String(m.kind),
    experiment_file: String(m.experiment_file),
    experiment_hash: String(m.experiment_hash),
    scenario_file: String(m.scenario_file),
    scenario_hash: String(m.scenario_hash),
    model: String(m.model),
    seed: Number(m.seed),
    experiment_json: String(m.experiment_json),
    scenario_json: m.scenario_json == null ? null : String(m.scenario_json),
  };
}
