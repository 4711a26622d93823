import { resolve } from 'node:path';
import type { Command } from 'commander';
import { migrateStore } from '../../store/migrate.js';
import { printJson, printLine } from '../output.js';

export function register(program: Command): void {
  program
    .command('migrate')
    .description("upgrade an experiment store made by an older powderkeg to this version's schema, in place")
    .argument('<db>', 'experiment store (.duckdb)')
    .option('--json', 'print a machine-readable summary')
    .action(async (db: string, options: { json?: boolean }) => {
      const outcome = await migrateStore(resolve(db));
      if (options.json) printJson(outcome);
      else if (outcome.steps.length === 0) printLine(`${db}: already at schema version ${outcome.to}; nothing to do`);
      else {
        for (const s of outcome.steps) printLine(`${db}: ${s}`);
        printLine(`${db}: now at schema version ${outcome.to}`);
      }
    });
}
