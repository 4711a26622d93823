import type { Command } from 'commander';
import type { Cell } from '../../engine/model.js';
import { simulate } from '../../engine/simulate.js';
import { sinkForFile } from '../../store/sinks/sink-for-file.js';
import { Interrupted } from '../../errors.js';
import { watchInterrupts } from '../exit-request.js';
import { collect, collectIds } from '../option-values.js';
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
    .option('--disable <id>', 'switch off a mechanism, e.g. M7 (repeatable, or comma-separated: M1,M6)', collectIds)
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
  // Ctrl-C stops the step loop; simulate aborts the sinks, so no partial file is left.
  const interrupts = watchInterrupts();
  const onStep = (done: number) => {
    progress.update(done);
    return interrupts.tick();
  };
  const result = await simulate(plan.model, { steps: plan.steps, sink, groupSink, every: plan.every, onStep })
    .catch((err: unknown) => {
      if (err instanceof Interrupted) {
        progress.stop();
        process.stderr.write(`interrupted: nothing written${plan.out !== undefined || plan.outRegions !== undefined ? ' (the partial output was removed)' : ''}\n`);
      }
      throw err;
    })
    .finally(() => {
      interrupts.dispose();
      progress.stop();
    });
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
