import type { Command } from 'commander';
import { isUserError } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { ExitRequest } from '../exit-request.js';
import { collect } from '../option-values.js';
import { printJson, printLine } from '../output.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a scenario file without running it')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect)
    .option('--json', 'print the result as JSON')
    .action((file: string, options: { set?: string[]; json?: boolean }) => {
      try {
        const loaded = loadScenario(file, { set: options.set ?? [] });
        if (options.json) printJson({ ok: true, scenario: file, model: loaded.model.id, hash: loaded.hash });
        else printLine('ok');
      } catch (err) {
        if (!options.json || !isUserError(err)) throw err;
        printJson({ ok: false, scenario: file, problems: err.problems });
        throw new ExitRequest(2);
      }
    });
}
