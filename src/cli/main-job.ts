import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributionRow } from '../experiment/attribution.js';
import { DEFAULT_REPLICATES, readObservedFile } from '../experiment/backtest/index.js';
import type { BacktestStageResult, MainBacktest } from '../experiment/pipeline/backtest-stage.js';
import { runMainPipeline, type MainPhase, type MainPipelineOptions, type MainPipelineResult } from '../experiment/pipeline/main-job.js';
import { buildReport } from '../report/build.js';
import { rankMechanisms } from '../report/mechanism-ranking.js';
import { precisionStatement } from '../report/seed-question.js';
import { readCalibration } from './calibration-file.js';
import { runHardExitCleanups, watchInterrupts } from './exit-request.js';
import { printError, printJson, printLine } from './output.js';
import { createProgress, type Progress } from './progress.js';
import { printAligned, printTargetsTable } from './targets-table.js';

/** Ensemble replicates (also the attribution's first baseline pairs). */
export const MAIN_REPLICATES = 32;
const OUT_DIR = 'powderkeg-out';
const PHASES: readonly MainPhase[] = ['ensemble', 'targets', 'attribution', 'backtest'];

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'powderkeg') return dir;
  }
  throw new Error('cannot find the powderkeg package (package.json) above the CLI');
}

export interface MainJobOptions {
  readonly outDir?: string;
  readonly replicates?: number;
  readonly workers?: number;
  /** Scenario file; the attribution file's (the default Kazakhstan 2022 scenario) by default. */
  readonly scenario?: string;
  /** The attribution experiment whose settings the job uses (experiments/main-attribution.yaml). */
  readonly attributionFile?: string;
  readonly attribution?: MainPipelineOptions['attribution'];
  readonly json?: boolean;
  /** Observed figures (CSV indicator,time,value,low,high,note) to back-test the scenario on. */
  readonly observed?: string;
  /** Scenarios scored beside it (default: the package's seed scenario). */
  readonly compare?: readonly string[];
  /** Replicates per back-tested scenario (default 100). */
  readonly backtestReplicates?: number;
}

/** `powderkeg` with no command: the main pipeline, then the report; a progress bar per phase. */
export async function runMainJob(_program: Command, options: MainJobOptions = {}): Promise<number> {
  const started = Date.now();
  const outDir = resolve(options.outDir ?? OUT_DIR);
  await mkdir(outDir, { recursive: true });
  const json = options.json ?? false;
  const at = () => `at ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const ui: { bar?: Progress } = {};
  // Ctrl-C: stop at once; the store being built is removed on exit (the pipeline registers it), so
  // the outputs of the last complete job stay as they were or are replaced whole.
  const interrupts = watchInterrupts();
  interrupts.signal.addEventListener('abort', () => {
    ui.bar?.stop();
    runHardExitCleanups();
    printError('interrupted: nothing new written (the files of the last complete job, if any, are unchanged)');
    process.exit((interrupts.signal.reason as { exitCode?: number }).exitCode ?? 130);
  });
  try {
    return await mainJob(options, outDir, json, at, started, ui);
  } finally {
    interrupts.dispose();
  }
}

async function mainJob(options: MainJobOptions, outDir: string, json: boolean, at: () => string, started: number, ui: { bar?: Progress }): Promise<number> {
  const backtest = options.observed === undefined ? undefined : mainBacktest(options.observed, options.compare, options.backtestReplicates);
  // The back-test is a phase only when there is an observed file; the report is always last.
  const phases = backtest ? PHASES.length + 1 : PHASES.length;
  const result = await runMainPipeline({
    backtest,
    attributionFile: options.attributionFile ?? join(packageRoot(), 'experiments', 'main-attribution.yaml'),
    scenarioFile: options.scenario,
    db: join(outDir, 'main.duckdb'),
    replicates: options.replicates ?? MAIN_REPLICATES,
    workers: options.workers ?? availableParallelism(),
    attribution: options.attribution,
    onPhase: (phase, text) => {
      ui.bar?.stop();
      ui.bar = undefined;
      if (!json) printError(`[${PHASES.indexOf(phase) + 1}/${phases}] ${phase}: ${text} (${at()})`);
    },
    onProgress: (phase, done, total) => {
      ui.bar ??= createProgress({ label: phase.padEnd(11), total, delayMs: 0, json });
      ui.bar.update(done, phase === 'attribution' ? { asked: total } : undefined);
    },
  });
  ui.bar?.stop();
  ui.bar = undefined;
  if (!json) printError(`[${phases}/${phases}] report (${at()})`);
  const report = await buildReport(result.db, { out: join(outDir, 'report.html'), pngDir: join(outDir, 'charts') });
  const seconds = (Date.now() - started) / 1000;
  if (json) printJson(jsonSummary(result, report.out, seconds));
  else {
    printSummary(result);
    if (result.backtest) printBacktestSummary(result.backtest);
    printLine(`store:  ${result.db}`);
    printLine(`report: ${report.out} (${report.charts} charts, PNGs in ${join(outDir, 'charts')})`);
    printLine(`done in ${seconds.toFixed(1)} s`);
  }
  return result.targets.every((t) => t.pass) ? 0 : 1;
}

const signed = (v: number, digits = 3) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;

function printSummary(r: MainPipelineResult): void {
  if (r.targets.length > 0) {
    printTargetsTable(r.targets, r.replicates);
    printLine();
  }
  const mechanisms = r.attribution.filter((a) => a.armKind === 'mechanism');
  if (mechanisms.length > 0) {
    const ranked = rankMechanisms(mechanisms).slice(0, 5);
    const rows = ranked.map((m) => {
      const top = mechanisms
        .filter((a) => a.mechanism === m.mechanism && a.relative !== null && (a.diffLow > 0 || a.diffHigh < 0))
        .sort((a, b) => Math.abs(b.relative!) - Math.abs(a.relative!))[0];
      const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)} %`;
      return [`${m.mechanism} ${m.name}`, pct(m.effect).replace('+', ''), top ? `${top.indicator} ${pct(top.relative!)}` : ''];
    });
    printAligned(['mechanism (switched off)', 'mean |change|', 'largest change'], rows);
    printLine();
  }
  const events = primaryRows(r.attribution);
  if (events.length > 0) {
    printLine(`${events[0].indicator}: baseline ${events[0].baseline.toFixed(3)} [${(events[0].baselineLow ?? NaN).toFixed(3)}, ${(events[0].baselineHigh ?? NaN).toFixed(3)}]`);
    printAligned(
      ['arm', 'P', 'change [95 % CI]', 'MDE (80 %)', 'pairs', 'stopped by'],
      events.map((a) => [
        `${a.mechanism} ${a.armKind === 'mechanism' ? `${a.mechanismName} off` : a.mechanismName}`.slice(0, 72),
        a.ablated.toFixed(3),
        `${signed(a.diff)} [${signed(a.diffLow)}, ${signed(a.diffHigh)}]`,
        (a.mde ?? NaN).toFixed(3),
        String(a.replicates),
        a.stopReason ?? '',
      ]),
    );
    printLine();
  }
  for (const line of precisionStatement(r.attribution, r.settings)) printLine(line);
  printLine();
}

/** Rows of P(new event by the horizon), the headline the stopping rule is on. */
function primaryRows(rows: readonly AttributionRow[]): AttributionRow[] {
  const events = rows.filter((a) => a.estimator === 'paired-binary' || a.estimator === 'hazard-cv');
  if (events.length === 0) return [];
  const last = events[events.length - 1].indicator;
  return events.filter((a) => a.indicator === last);
}

function jsonSummary(r: MainPipelineResult, report: string, seconds: number) {
  return {
    store: r.db,
    report,
    seconds,
    phases: r.seconds,
    scenario: r.scenarioFile,
    steps: r.steps,
    seed: r.seed,
    replicates: r.replicates,
    targets: r.targets.map((t) => ({ id: t.id, mean: t.mean, low: t.low, high: t.high, min: t.min ?? null, max: t.max ?? null, pass: t.pass })),
    backtest: r.backtest
      ? {
          comparison: r.backtest.comparison,
          scenarios: r.backtest.results.map((b) => ({ scenario: b.scenario, figures: b.rows.length, coverage: b.coverage, skill: b.skill, missing: b.missing })),
        }
      : null,
    attribution: {
      settings: r.settings,
      baselineRuns: r.sequential?.baselineRuns ?? 0,
      rounds: r.sequential?.rounds ?? 0,
      arms: r.sequential?.arms.map((a) => ({ id: a.arm.id, name: a.arm.name, kind: a.arm.kind, pairs: a.pairs, stopReason: a.stopReason, halfWidth: a.halfWidth, mde: a.mde })) ?? [],
      rows: r.attribution.map((a) => ({
        arm: a.mechanism, kind: a.armKind, indicator: a.indicator, baseline: a.baseline, changed: a.ablated, diff: a.diff, low: a.diffLow, high: a.diffHigh,
        mde: a.mde ?? null, sd: a.sd ?? null, pairs: a.replicates, estimator: a.estimator, stopReason: a.stopReason,
      })),
    },
  };
}

const SEED_SCENARIO = join('scenarios', 'kazakhstan-2022-seed.yaml');

/** The observed file read up front (a bad one stops the job before anything runs), with the package's 2022 figures as the baseline. */
function mainBacktest(observed: string, compare: readonly string[] | undefined, replicates = DEFAULT_REPLICATES): MainBacktest {
  return {
    observedFile: observed,
    figures: readObservedFile(observed),
    calibration: readCalibration().figures,
    compare: compare ?? [join(packageRoot(), SEED_SCENARIO)],
    replicates,
  };
}

function printBacktestSummary(b: BacktestStageResult): void {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
  printAligned(
    ['back-test: scenario', 'figures', 'covered', 'skill vs persistence', 'relative CRPS'],
    b.results.map((r) => [basename(r.scenario), String(r.rows.length), pct(r.coverage), num(r.skill), num(b.comparison?.standings.find((s) => s.scenario === r.scenario)?.relative_crps)]),
  );
  if (b.comparison) printLine(b.comparison.favoured ? `The back-test favours ${basename(b.comparison.favoured)}: ${b.comparison.reason}.` : `The back-test favours neither: ${b.comparison.reason}.`);
  printLine();
}
