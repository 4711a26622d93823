import { UserError, type Problem } from '../errors.js';
import type { ExperimentStore } from '../store/experiment-store.js';
import { SHARD } from '../store/tables.js';
import type { RunTask } from './executor.js';
import type { Experiment } from './schema.js';

/**
 * Broker-free scale-out (`powderkeg experiment --shard i/N`): shard i runs the planned runs whose
 * position in the experiment's run sequence is i mod N, into its own store, and stops before the
 * analyses; `powderkeg merge` puts the shards together and runs the analyses once. Positions come
 * from the design alone, never from timing, so every shard of a Slurm array or a Kubernetes
 * Indexed Job takes the same runs on any machine, and the shards together take each run once.
 */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** The table that marks a store as one shard, and says whether the shard finished its runs. */
export const SHARD_TABLE = SHARD.name;

/** Reads "i/N" (0 <= i < N); on bad input records a problem and returns undefined. */
export function parseShard(text: string | undefined, problems: Problem[], option = '--shard'): ShardSpec | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    problems.push({ path: option, message: `expected i/N with 0 <= i < N, e.g. 0/4 for the first of four shards (Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT), found "${text}"` });
    return undefined;
  }
  return { index, count };
}

/** Kinds whose runs are all known before the first one finishes; only those can be split in advance. */
export function checkShardable(e: Experiment, shard: ShardSpec | undefined, file: string): void {
  if (!shard || e.kind !== 'calibration') return;
  throw new UserError({
    file,
    path: '--shard',
    message: 'a calibration proposes each generation from the results of the last, so its runs cannot be split in advance; run it in one piece (on many machines: --executor redis)',
  });
}

/** Signals that a shard has recorded its runs: the kind's analyses are for `powderkeg merge`. */
export class ShardComplete extends Error {
  constructor() {
    super('shard complete');
    this.name = 'ShardComplete';
  }
}

/** Picks one shard's runs out of the experiment's run sequence, counting positions across batches. */
export class ShardPlan {
  private position = 0;
  constructor(readonly spec: ShardSpec) {}

  /** How many of the next `count` positions are this shard's. */
  countOf(count: number): number {
    const { index, count: n } = this.spec;
    const first = this.position + ((index - (this.position % n) + n) % n);
    return first >= this.position + count ? 0 : Math.floor((this.position + count - 1 - first) / n) + 1;
  }

  *select(tasks: Iterable<RunTask>): Generator<RunTask> {
    for (const t of tasks) {
      const mine = this.position % this.spec.count === this.spec.index;
      this.position++;
      if (mine) yield t;
    }
  }
}

/** A new store is marked as this shard; a reopened one must be the same shard (or no shard at all). */
export async function checkShardStore(store: ExperimentStore, shard: ShardSpec | undefined, created: boolean): Promise<void> {
  if (created) {
    if (shard) await writeShardTable(store, shard, false);
    return;
  }
  const found = await readShard(store);
  const same = found?.index === shard?.index && found?.count === shard?.count;
  if (same) return;
  const what = (s: ShardSpec | undefined) => (s ? `shard ${s.index}/${s.count}` : 'a whole experiment (no --shard)');
  throw new UserError({ file: store.path, path: '--shard', message: `this store holds ${what(found)}, not ${what(shard)}; resume it with the same --shard, or choose another file with --db` });
}

export async function markShardComplete(store: ExperimentStore, shard: ShardSpec): Promise<void> {
  await writeShardTable(store, shard, true);
}

export async function readShard(store: ExperimentStore): Promise<(ShardSpec & { complete: boolean }) | undefined> {
  if (!(await store.tableNames()).includes(SHARD_TABLE)) return undefined;
  const [row] = await store.query(`SELECT shard_index, shard_count, complete FROM ${SHARD_TABLE}`);
  return row ? { index: Number(row.shard_index), count: Number(row.shard_count), complete: row.complete === true } : undefined;
}

async function writeShardTable(store: ExperimentStore, shard: ShardSpec, complete: boolean): Promise<void> {
  await store.replaceTable(SHARD.name, SHARD.columns, [[shard.index, shard.count, complete]]);
}
