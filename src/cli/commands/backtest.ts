import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import {
  backtestScenario,
  compareBacktests,
  DEFAULT_REPLICATES,
  readObservedFile,
  type BacktestResult,
  type ObservedFigure,
} from '../../experiment/backtest/index.js';
import type { Executor, JobSpec } from '../../experiment/executor.js';
import { InlineExecutor } from '../../experiment/inline-executor.js';
import { LocalExecutor } from '../../experiment/local-executor.js';
import { UserError, type Problem } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { collect, wholeNumberOption } from '../option-values.js';
import { formatForHumans, printJson, printLine } from '../output.js';
import { createProgress } from '../progress.js';
import { CALIBRATION_FILE, readCalibration } from '../calibration-file.js';

interface BacktestOptions {
  observed?: string;
  compare: string[];
  replicates: string;
  seed: string;
  workers?: string;
  calibration?: string;
  set: string[];
  report?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('backtest')
    .description('scores scenarios against observed figures (CSV indicator,time,value,low,high,note): 90 % interval coverage, CRPS, skill against persistence and trend')
    .argument('<scenario...>', 'scenario file(s); several are compared side by side')
    .requiredOption('--observed <file>', 'CSV of observed figures: indicator,time (ISO date),value,low,high,note')
    .option('--compare <scenario>', 'another scenario to score on the same figures (repeatable)', collect, [])
    .option('--replicates <n>', 'replicates per scenario (seed of replicate r = deriveSeed(seed, 0, r))', String(DEFAULT_REPLICATES))
    .option('--seed <n>', 'experiment seed', '1')
    .option('--workers <n>', 'worker threads (default: the number of cores; 0 runs on the main thread)')
    .option('--calibration <file>', `figures known at the forecast origin, for the persistence and trend baselines (default: the package's ${CALIBRATION_FILE})`)
    .option('--set <path=value>', 'override a field of every scenario, e.g. scale=1000 (repeatable)', collect, [])
    .option('--report <file.html>', 'also write the scenarios side by side as a standalone HTML page')
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], options: BacktestOptions) => {
      const problems: Problem[] = [];
      const replicates = wholeNumberOption(options.replicates, '--replicates', 1, problems)!;
      const seed = wholeNumberOption(options.seed, '--seed', 0, problems)!;
      const workers = wholeNumberOption(options.workers, '--workers', 0, problems) ?? availableParallelism();
      if (problems.length > 0) throw new UserError(problems);
      const figures = readObservedFile(options.observed!);
      const calibration = readCalibration(options.calibration);
      const scenarios = [...files, ...options.compare].map((f) => loadScenario(f, { set: options.set }));
      const progress = createProgress({ label: 'backtest', total: replicates * scenarios.length, json: options.json });
      const results: BacktestResult[] = [];
      try {
        for (const [i, scenario] of scenarios.entries()) {
          results.push(
            await backtestScenario(scenario, figures, {
              replicates,
              seed,
              calibration: calibration.figures,
              executor: (job: JobSpec): Executor => (workers === 0 ? new InlineExecutor(job) : new LocalExecutor(job, { workers })),
              onRun: (done) => progress.update(i * replicates + done, { scenario: `${i + 1}/${scenarios.length}` }),
            }),
          );
        }
      } finally {
        progress.stop();
      }
      const comparison = results.length > 1 ? compareBacktests(results) : null;
      if (options.report) {
        // Loaded only here: ECharts is not needed for the table alone.
        const [{ backtestPage }, { stableSvgIds }, { writeFileAtomic }] = await Promise.all([import('../../report/backtest-page.js'), import('../../report/build.js'), import('../../report/atomic-write.js')]);
        await writeFileAtomic(options.report, stableSvgIds(backtestPage(results, comparison, options.observed!)));
      }
      if (options.json) {
        const [first, ...others] = results;
        printJson({ ...first, calibration: calibration.file, compare: others, comparison });
        return;
      }
      if (calibration.file === null) printLine(`(no calibration figures at ${CALIBRATION_FILE}: the persistence and trend baselines are empty)`);
      for (const r of results) printResult(r);
      if (comparison) printLine(comparison.favoured ? `The back-test favours ${comparison.favoured}: ${comparison.reason}.` : `The back-test favours neither: ${comparison.reason}.`);
      if (options.report) printLine(`report: ${options.report}`);
    });
}

const n = (x: number | null) => (x === null ? '—' : formatForHumans(Number(x.toPrecision(4))));

function printResult(r: BacktestResult): void {
  printLine(`${r.scenario}: ${r.rows.length} figures scored, ${r.replicates} replicates${r.failed ? ` (${r.failed} failed)` : ''}`);
  const head = ['indicator', 'time', 'observed [low, high]', 'model mean [5 %, 95 %]', 'covered', 'CRPS', 'persistence', 'trend'];
  const body = r.rows.map((x) => [
    x.indicator,
    x.time,
    `${n(x.value)} [${n(x.low)}, ${n(x.high)}]`,
    `${n(x.mean)} [${n(x.p05)}, ${n(x.p95)}]`,
    x.covered ? 'yes' : 'NO',
    n(x.crps),
    n(x.crps_persistence),
    n(x.crps_trend),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  for (const row of [head, ...body]) printLine('  ' + row.map((c, j) => c.padEnd(widths[j])).join('  '));
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);
  printLine(`  coverage ${pct(r.coverage)} of ${r.rows.length}; skill vs persistence ${n(r.skill)} (${r.skill_rows} figures), vs trend ${n(r.skill_trend)} (${r.skill_trend_rows} figures)`);
  if (r.missing.length) printLine(`  missing (the model has no such indicator): ${r.missing.join(', ')}`);
  for (const s of r.skipped) printLine(`  skipped line ${s.line} (${s.indicator} ${s.time}): ${s.reason}`);
}
