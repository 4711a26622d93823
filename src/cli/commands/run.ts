import type { Command } from 'commander';
import type { Cell } from '../../engine/model.js';
import type { RowSink } from '../../engine/recorder.js';
import { simulate } from '../../engine/simulate.js';
import { sinkForFile } from '../../store/sinks/sink-for-file.js';
import { collect } from '../option-values.js';
import { formatForHumans, printJson, printLine } from '../output.js';
import { createProgress } from '../progress.js';
import { planRun, type RunOptions } from '../run-plan.js';

export function register(program: Command): void {
  program
    .command('run')
    .description('run one simulation of a scenario')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--seed <n>', 'random seed', '1')
    .option('--steps <n>', "number of steps (default: the scenario's)")
    .option('--set <path=value>', 'override a scenario field, e.g. grid.width=200 (repeatable)', collect)
    .option('--disable <id>', 'switch off a mechanism, e.g. M7 (repeatable)', collect)
    .option('--out <file>', 'write the series to a .csv, .jsonl or .parquet file')
    .option('--out-regions <file>', 'write the per-region series to a .csv, .jsonl or .parquet file')
    .option('--every <n>', 'record every n steps', '1')
    .option('--json', 'print a machine-readable summary')
    .action(async (file: string, options: RunOptions) => {
      await runCommand(file, options);
    });
}

export interface RunSummary {
  scenario: string;
  model: string;
  hash: string;
  seed: number;
  steps: number;
  stoppedEarly: boolean;
  disabled: string[];
  final: Record<string, Cell | null>;
  outputs: { series: string | null; regions: string | null };
  seconds: number;
}

export async function runCommand(file: string, options: RunOptions): Promise<RunSummary> {
  const plan = planRun(file, options);
  const sink = plan.out !== undefined ? sinkForFile(plan.out, '--out') : undefined;
  const groupSink = plan.outRegions !== undefined ? sinkForFile(plan.outRegions, '--out-regions') : undefined;
  const progress = createProgress({ label: plan.loaded.model.id, total: plan.steps, json: options.json });
  const started = performance.now();
  const result = await withInterruptCleanup([sink, groupSink], () =>
    simulate(plan.model, { steps: plan.steps, sink, groupSink, every: plan.every, onStep: (done) => progress.update(done) }),
  ).finally(() => progress.stop());
  const seconds = (performance.now() - started) / 1000;

  const row: Cell[] = [];
  plan.model.observe(row);
  const final: Record<string, Cell | null> = {};
  plan.model.columns.forEach((c, i) => (final[c.name] = typeof row[i] === 'number' && !Number.isFinite(row[i]) ? null : row[i]));
  const summary: RunSummary = {
    scenario: file,
    model: plan.loaded.model.id,
    hash: plan.loaded.hash,
    seed: plan.seed,
    steps: result.steps,
    stoppedEarly: result.stoppedEarly,
    disabled: [...plan.disable],
    final,
    outputs: { series: plan.out ?? null, regions: plan.outRegions ?? null },
    seconds: Number(seconds.toFixed(3)),
  };
  if (options.json) printJson(summary);
  else printHuman(summary);
  return summary;
}

function printHuman(s: RunSummary): void {
  const early = s.stoppedEarly ? ' (stopped early: nothing more changes)' : '';
  printLine(`${s.scenario}: ${s.model}, seed ${s.seed}, ${s.steps} steps${early}, ${s.seconds.toFixed(2)} s`);
  printLine(`final: ${Object.entries(s.final).map(([k, v]) => `${k} ${formatForHumans(v)}`).join(', ')}`);
  for (const path of [s.outputs.series, s.outputs.regions]) if (path !== null) printLine(`wrote ${path}`);
}

/** Ctrl-C during a run removes the half-written files before exiting. */
async function withInterruptCleanup<T>(sinks: (RowSink | undefined)[], work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    for (const s of sinks) void s?.abort?.();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
