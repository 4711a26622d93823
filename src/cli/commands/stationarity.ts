import type { Command } from 'commander';
import { isStock, stationarity } from '../../experiment/stationarity.js';
import { UserError, type Problem } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { ExitRequest } from '../exit-request.js';
import { collect, collectIds, disableProblems, numberOption, wholeNumberOption } from '../option-values.js';
import { runReplicates } from '../replicates.js';
import { formatForHumans, printJson, printLine } from '../output.js';
import { printAligned } from '../targets-table.js';

interface StationarityCliOptions {
  runs: string;
  seed: string;
  steps?: string;
  disable: string[];
  set: string[];
  columns?: string;
  window: string;
  skip: string;
  alpha: string;
  tolerance: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('stationarity')
    .description('runs replicates of a scenario and tests whether every stock stays level (exit 0 only if all do), e.g. without its shock')
    .argument('<scenario>', 'scenario file (.yaml)')
    .option('--runs <n>', 'replicates (seed of replicate r = deriveSeed(seed, 0, r))', '8')
    .option('--seed <n>', 'experiment seed', '1')
    .option('--steps <n>', "steps per run (default: the scenario's)")
    .option('--disable <id>', 'switch off a mechanism, e.g. the shock (repeatable, or comma-separated: M1,M6)', collectIds, [])
    .option('--set <path=value>', 'override a scenario field, e.g. interventions=[] (repeatable)', collect, [])
    .option('--columns <a,b>', 'indicators to test (default: every one that is not a cumulative count)')
    .option('--window <share>', 'share of the run in the early and in the late window', '0.2')
    .option('--skip <steps>', 'steps left out before the early window', '0')
    .option('--alpha <p>', '1 - confidence of each drift interval', '0.05')
    .option('--tolerance <share>', 'relative drift, either way, that still counts as level', '0.05')
    .option('--json', 'print the results as JSON')
    .action(async (file: string, o: StationarityCliOptions) => {
      const problems: Problem[] = [];
      const runs = wholeNumberOption(o.runs, '--runs', 2, problems, 10_000);
      const seed = wholeNumberOption(o.seed, '--seed', 0, problems);
      const stepsOption = wholeNumberOption(o.steps, '--steps', 10, problems, 1_000_000);
      const skip = wholeNumberOption(o.skip, '--skip', 0, problems);
      const window = numberOption(o.window, '--window', problems);
      const alpha = numberOption(o.alpha, '--alpha', problems);
      const tolerance = numberOption(o.tolerance, '--tolerance', problems);
      if (window !== undefined && !(window > 0 && window <= 0.5)) problems.push({ path: '--window', message: `expected a share in (0, 0.5], found ${window}` });
      if (alpha !== undefined && !(alpha > 0 && alpha < 1)) problems.push({ path: '--alpha', message: `expected a probability in (0, 1), found ${alpha}` });
      if (tolerance !== undefined && !(tolerance >= 0)) problems.push({ path: '--tolerance', message: `expected a share >= 0, found ${tolerance}` });
      if (problems.length > 0) throw new UserError(problems);
      const loaded = loadScenario(file, { set: o.set });
      problems.push(...disableProblems(loaded.model, o.disable));
      const columns = loaded.model.columns(loaded.scenario);
      const tested = o.columns ? o.columns.split(',').map((s) => s.trim()).filter(Boolean) : columns.filter(isStock).map((c) => c.name);
      for (const name of tested)
        if (!columns.some((c) => c.name === name)) problems.push({ path: '--columns', message: `unknown indicator "${name}"; the model reports ${columns.map((c) => c.name).join(', ')}` });
      const steps = stepsOption ?? loaded.model.defaultSteps(loaded.scenario);
      if (skip !== undefined && skip + 2 >= steps) problems.push({ path: '--skip', message: `${skip} steps skipped leave no room for two windows in ${steps} steps` });
      if (problems.length > 0) throw new UserError(problems);

      const replicates = await runReplicates(loaded, { runs: runs!, seed: seed!, steps, disable: o.disable, label: 'stationarity', json: o.json });
      // From step 1: step 0 is the state as set up, before the model has acted.
      const series = replicates.map((r) => r.national.rows.slice(1));
      const recorded = replicates[0].national.columns;
      const result = stationarity(recorded, series, tested, { window, skip, alpha, tolerance });
      if (o.json) printJson({ scenario: file, seed, disable: o.disable, set: o.set, ...result });
      else {
        const fmt = (v: number) => (Number.isFinite(v) ? formatForHumans(Number(v.toPrecision(4))) : String(v));
        const pct = (v: number) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)} %` : v > 0 ? '+inf' : v < 0 ? '-inf' : '');
        printAligned(
          ['indicator', `steps ${result.early[0] + 1}-${result.early[1]}`, `steps ${result.late[0] + 1}-${result.late[1]}`, 'change', `${100 * (1 - result.alpha)} % interval`, 'verdict'],
          result.rows.map((row) => [row.column, fmt(row.early), fmt(row.late), pct(row.relative), `${pct(row.low)} .. ${pct(row.high)}`, row.verdict]),
        );
        const count = (v: string) => result.rows.filter((r) => r.verdict === v).length;
        printLine(
          `${result.runs} runs of ${steps} steps: ${count('level')} level, ${count('drifts')} drift, ${count('unclear')} unclear. ` +
            `Level means the whole interval of the change lies within +-${100 * result.tolerance} % of the early level; unclear needs more --runs or a wider --tolerance.`,
        );
      }
      if (!result.stationary) throw new ExitRequest(1);
    });
}
