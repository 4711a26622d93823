import type { Command } from 'commander';
import { mergeStores, type MergeOutcome } from '../../experiment/shard-merge.js';
import { printJson, printLine } from '../output.js';

interface MergeCommandOptions {
  experiment?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('merge')
    .description('put the shard stores of one experiment (powderkeg experiment --shard i/N) together into one store, then run its analyses')
    .argument('<out>', 'new store to write (.duckdb); written whole or not at all')
    .argument('<inputs...>', 'shard stores, every shard of one split')
    .option('--experiment <file>', "the experiment file, if it is no longer where the shards' manifest says")
    .option('--json', 'print a machine-readable summary')
    .action(async (out: string, inputs: string[], options: MergeCommandOptions) => {
      await mergeCommand(out, inputs, options);
    });
}

export async function mergeCommand(out: string, inputs: string[], options: MergeCommandOptions): Promise<MergeOutcome> {
  const outcome = await mergeStores(out, inputs, { experimentFile: options.experiment });
  if (options.json) printJson(outcome);
  else {
    const dup = outcome.duplicates > 0 ? `, ${outcome.duplicates} found twice and identical` : '';
    printLine(`merged ${outcome.inputs} stores: ${outcome.runs} runs (${outcome.failed} failed${dup})`);
    printLine(`wrote ${outcome.db} (tables: ${outcome.tables.join(', ')})`);
  }
  return outcome;
}
