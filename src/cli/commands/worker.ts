import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { startRedisWorker, type WorkerEvent } from '../../experiment/distributed/redis-worker.js';
import { checkRedisUrl } from '../../experiment/distributed/redis-connection.js';
import { UserError, type Problem } from '../../errors.js';
import { numberOption, wholeNumberOption } from '../option-values.js';
import { printError, printLine } from '../output.js';

interface WorkerOptions {
  redis?: string;
  concurrency?: string;
  idleTimeout?: string;
  lockMs?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('run the experiments submitted with --executor redis, on this machine (see docs/distributed.md)')
    .requiredOption('--redis <url>', 'Redis shared with the submitting machine, e.g. redis://10.0.0.5:6379')
    .option('--concurrency <n>', 'runs at once, one thread each (default: the number of cores)')
    .option('--idle-timeout <seconds>', 'exit after this long with nothing to run (default: run until SIGINT/SIGTERM)')
    .option('--lock-ms <ms>', "how long a run stays claimed without a sign of life; a dead worker's runs go to others after at most twice this", '30000')
    .option('--json', 'print one JSON object per line for each event (ready, queue, skip, run, stalled, stopped)')
    .action(async (options: WorkerOptions) => {
      await workerCommand(options);
    });
}

export async function workerCommand(options: WorkerOptions): Promise<{ runs: number; failed: number }> {
  const problems: Problem[] = [];
  const concurrency = wholeNumberOption(options.concurrency, '--concurrency', 1, problems) ?? availableParallelism();
  const idleSeconds = numberOption(options.idleTimeout, '--idle-timeout', problems);
  if (idleSeconds !== undefined && idleSeconds < 0) problems.push({ path: '--idle-timeout', message: `expected a number of seconds of at least 0, found "${options.idleTimeout}"` });
  const lockMs = wholeNumberOption(options.lockMs, '--lock-ms', 100, problems);
  if (problems.length > 0) throw new UserError(problems);
  const url = checkRedisUrl(options.redis ?? '');
  const report = options.json ? (e: WorkerEvent) => printLine(JSON.stringify(e)) : describe(url);
  const worker = await startRedisWorker({
    url,
    concurrency,
    lockMs,
    idleTimeoutMs: idleSeconds === undefined ? undefined : idleSeconds * 1000,
    onEvent: report,
  });
  // The runs in hand are finished and handed back before exiting; a second signal exits at once.
  const onSignal = (signal: NodeJS.Signals) => {
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
    void worker.stop('signal');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await worker.stopped;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function describe(url: string): (e: WorkerEvent) => void {
  return (e) => {
    if (e.event === 'ready') printLine(`powderkeg worker: ${e.concurrency} threads on ${url}; waiting for experiments (Ctrl-C to stop)`);
    else if (e.event === 'queue') printLine(`${e.action === 'start' ? 'joined' : 'left'} ${e.queue}`);
    else if (e.event === 'skip') printError(`skipping ${e.queue}: submitted by powderkeg ${e.version}, this worker is ${e.workerVersion}`);
    else if (e.event === 'run' && e.status === 'failed') printError(`run ${e.runId} failed: ${e.error}`);
    else if (e.event === 'stopped') printLine(`stopped (${e.reason}): ${e.runs} runs, ${e.failed} failed`);
  };
}
