import type { Command } from 'commander';
import { evaluateTargets, type TargetResult, type TargetScenario } from '../../experiment/targets.js';
import { UserError, type Problem } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { ExitRequest } from '../exit-request.js';
import { collect, collectIds, disableProblems, wholeNumberOption } from '../option-values.js';
import { runReplicates } from '../replicates.js';
import { printJson } from '../output.js';
import { printTargetsTable } from '../targets-table.js';

interface TargetsOptions {
  runs: string;
  seed: string;
  disable: string[];
  set: string[];
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('targets')
    .description("runs replicates of a scenario and checks its calibration targets (exit 0 only if all hold)")
    .argument('<scenario>', 'scenario file (.yaml)')
    .option('--runs <n>', 'replicates (seed of replicate r = deriveSeed(seed, 0, r))', '10')
    .option('--seed <n>', 'experiment seed', '1')
    .option('--disable <id>', 'switch off a mechanism, e.g. M7 (repeatable, or comma-separated: M1,M6)', collectIds, [])
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--json', 'print the results as JSON')
    .action(async (file: string, options: TargetsOptions) => {
      const problems: Problem[] = [];
      const runs = wholeNumberOption(options.runs, '--runs', 1, problems, 1_000_000);
      const seed = wholeNumberOption(options.seed, '--seed', 0, problems);
      if (problems.length > 0) throw new UserError(problems);
      const loaded = loadScenario(file, { set: options.set });
      problems.push(...disableProblems(loaded.model, options.disable));
      const scenario = loaded.scenario as Partial<TargetScenario>;
      if (!Array.isArray(scenario.targets) || scenario.targets.length === 0 || typeof scenario.t0 !== 'string')
        problems.push({ file, path: 'targets', message: 'this scenario has no calibration targets' });
      if (problems.length > 0) throw new UserError(problems);
      const steps = loaded.model.defaultSteps(loaded.scenario);
      const series = await runReplicates(loaded, { runs: runs!, seed: seed!, steps, disable: options.disable, label: 'targets', json: options.json, groups: true });
      const results = evaluateTargets(scenario as TargetScenario, series);
      const allPass = results.every((t) => t.pass);
      if (options.json) printJson({ scenario: file, runs, seed, disable: options.disable, pass: allPass, targets: results });
      else printTargetsTable(results, runs!);
      if (!allPass) throw new ExitRequest(1);
    });
}

