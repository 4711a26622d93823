import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { InlineExecutor } from '../../experiment/inline-executor.js';
import type { Executor, JobSpec } from '../../experiment/executor.js';
import { DEFAULT_REDIS_TIMEOUT_MS, RedisExecutor, type SubmitterEvent } from '../../experiment/distributed/redis-executor.js';
import { parseShard } from '../../experiment/shard.js';
import { checkRedisUrl, queueNameFor } from '../../experiment/distributed/redis-connection.js';
import { loadExperiment } from '../../experiment/load.js';
import { LocalExecutor } from '../../experiment/local-executor.js';
import { plannedRuns } from '../../experiment/planned-runs.js';
import { runExperiment, type ExperimentOutcome } from '../../experiment/runner.js';
import { Interrupted, UserError, type Problem } from '../../errors.js';
import { watchInterrupts } from '../exit-request.js';
import { numberOption, wholeNumberOption } from '../option-values.js';
import { printError, printJson, printLine } from '../output.js';
import { createProgress } from '../progress.js';

interface ExperimentOptions {
  workers?: string;
  db?: string;
  resume?: boolean;
  json?: boolean;
  executor?: string;
  redis?: string;
  redisTimeout?: string;
  shard?: string;
}

export function register(program: Command): void {
  program
    .command('experiment')
    .description('run an experiment (ensemble, sweep, sensitivity, calibration, backtest, discovery) into a DuckDB store')
    .argument('<file>', 'experiment file (YAML)')
    .option('--workers <n>', 'worker threads (default: the number of cores; 0 runs on the main thread)')
    .option('--db <file>', 'store file (default: powderkeg-out/<experiment name>.duckdb)')
    .option('--resume', 'continue an interrupted experiment in its store, skipping the runs already recorded')
    .option('--executor <kind>', 'local (threads on this machine) or redis (powderkeg worker processes anywhere; see docs/distributed.md)', 'local')
    .option('--redis <url>', 'Redis for --executor redis, e.g. redis://10.0.0.5:6379')
    .option('--redis-timeout <seconds>', `with --executor redis: give up when Redis stays unreachable this long (default ${DEFAULT_REDIS_TIMEOUT_MS / 1000}); --resume goes on`)
    .option('--shard <i/N>', 'run only shard i of N (runs whose position mod N is i) into its own store, without analyses; then powderkeg merge (see docs/distributed.md)')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, options: ExperimentOptions) => {
      await experimentCommand(file, options);
    });
}

export interface ExperimentSummary extends ExperimentOutcome {
  experiment: string;
  kind: string;
  executor: 'local' | 'redis';
  workers: number;
  /** "i/N" for a shard (--shard), else null. */
  shard: string | null;
  seconds: number;
}

export async function experimentCommand(file: string, options: ExperimentOptions): Promise<ExperimentSummary> {
  const problems: Problem[] = [];
  const workers = wholeNumberOption(options.workers, '--workers', 0, problems, 1024) ?? availableParallelism();
  const executorKind = options.executor ?? 'local';
  if (executorKind !== 'local' && executorKind !== 'redis') problems.push({ path: '--executor', message: `expected local or redis, found "${executorKind}"` });
  if (executorKind === 'redis' && options.redis === undefined) problems.push({ path: '--redis', message: 'give the Redis URL the workers use, e.g. --redis redis://127.0.0.1:6379' });
  if (executorKind !== 'redis' && options.redis !== undefined) problems.push({ path: '--redis', message: 'only used with --executor redis' });
  const redisTimeout = numberOption(options.redisTimeout, '--redis-timeout', problems);
  if (redisTimeout !== undefined && redisTimeout <= 0) problems.push({ path: '--redis-timeout', message: `expected a number of seconds above 0, found "${options.redisTimeout}"` });
  if (executorKind !== 'redis' && options.redisTimeout !== undefined) problems.push({ path: '--redis-timeout', message: 'only used with --executor redis' });
  const shard = parseShard(options.shard, problems);
  if (problems.length > 0) throw new UserError(problems);
  const redisUrl = options.redis === undefined ? undefined : checkRedisUrl(options.redis);
  const x = loadExperiment(file);
  const db = resolve(options.db ?? `powderkeg-out/${x.name}.duckdb`);
  const planned = plannedRuns(x.experiment);
  const shardRuns = shard ? Math.floor(planned / shard.count) + (shard.index < planned % shard.count ? 1 : 0) : planned;
  const progress = createProgress({ label: shard ? `${x.name} ${shard.index}/${shard.count}` : x.name, total: shardRuns, json: options.json });
  const started = performance.now();
  // Ctrl-C: the runner commits what finished, stops the workers and closes the store.
  const interrupts = watchInterrupts();
  const outcome = await runExperiment(x, {
    db,
    resume: options.resume,
    shard,
    executor: (job): Executor => {
      if (redisUrl !== undefined) {
        const onWaiting = (n: number) => {
          if (n === 0) printError(`no powderkeg worker is connected to ${redisUrl}; start one with: powderkeg worker --redis ${redisUrl}`);
        };
        const onEvent = (e: SubmitterEvent) => {
          if (e.event === 'redis-lost') printError(`lost Redis at ${redisUrl} (${e.error}); waiting up to ${timeoutMs / 1000} s for it (--redis-timeout)`);
          else if (e.event === 'redis-back') printError(`Redis at ${redisUrl} is back after ${(e.downMs / 1000).toFixed(1)} s`);
          else if (e.event === 'resubmitted') printError(`Redis had lost ${e.runs} runs (restarted without its data?); queued them again`);
        };
        const timeoutMs = redisTimeout === undefined ? DEFAULT_REDIS_TIMEOUT_MS : redisTimeout * 1000;
        // A shard has its own queue, so that the shards of one experiment may share a Redis.
        const queue = queueNameFor(shard ? `${x.hash}-shard-${shard.index}-of-${shard.count}` : x.hash);
        return new RedisExecutor(job, { url: redisUrl, queue, onWaiting, onEvent, timeoutMs });
      }
      return localExecutor(job, workers);
    },
    onProgress: (p) => progress.update(p.done, { failed: p.failed }),
    signal: interrupts.signal,
  })
    .catch((err: unknown) => {
      if (err instanceof Interrupted) {
        progress.stop();
        printError(
          existsSync(db)
            ? `interrupted: the runs finished so far are in ${db}; continue with the same command and --resume`
            : 'interrupted before any run finished: nothing written',
        );
      }
      throw err;
    })
    .finally(() => {
      interrupts.dispose();
      progress.stop();
    });
  const summary: ExperimentSummary = {
    experiment: file,
    kind: x.experiment.kind,
    executor: redisUrl === undefined ? 'local' : 'redis',
    workers,
    shard: shard ? `${shard.index}/${shard.count}` : null,
    ...outcome,
    seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
  };
  if (options.json) printJson(summary);
  else {
    const resumed = outcome.skipped > 0 ? `, ${outcome.skipped} already recorded` : '';
    printLine(`${file}: ${summary.kind}, ${outcome.runs} runs (${outcome.ran} run now${resumed}, ${outcome.failed} failed), ${summary.seconds.toFixed(2)} s`);
    if (outcome.failed > 0) printLine(`${outcome.failed} runs failed; their errors are in the runs table (status = 'failed')`);
    printLine(`wrote ${db} (tables: ${outcome.tables.join(', ')})`);
    if (shard) printLine(`next: when every shard of ${shard.count} is done, powderkeg merge OUT.duckdb followed by the ${shard.count} shard stores`);
    else printLine(`next: powderkeg report ${JSON.stringify(db)} --out report.html   (or: powderkeg export ${JSON.stringify(db)} --format csv)`);
  }
  return summary;
}

function localExecutor(job: JobSpec, workers: number): Executor {
  return workers === 0 ? new InlineExecutor(job) : new LocalExecutor(job, { workers });
}
