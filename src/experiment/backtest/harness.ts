import type { LoadedScenario } from '../../scenario/load.js';
import { crpsEnsemble, mean, quantileSorted, sortedCopy } from '../analysis/index.js';
import type { Executor, JobSpec, RunResult } from '../executor.js';
import type { Summary } from '../schema.js';
import { tasksFor } from '../tasks.js';
import { baselinesAt, type PlacedFigure } from './baselines.js';
import { stepOfDate, stepPosition } from './clock.js';
import type { ObservedFigure } from './observed-file.js';

/**
 * Out-of-sample back-test of one scenario: an ensemble of replicates read at the steps the
 * observed figures fall on, each figure scored by the ensemble's CRPS and its 90 % interval,
 * against two naive forecasts from the calibration figures (persistence and a linear trend).
 */
export interface BacktestRow {
  readonly indicator: string;
  readonly time: string;
  readonly step: number;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly mean: number;
  readonly p05: number;
  readonly p95: number;
  /** [low, high] overlaps the model's 90 % interval [p05, p95]. */
  readonly covered: boolean;
  /** CRPS of the ensemble at `value`. */
  readonly crps: number;
  readonly persistence: number | null;
  readonly crps_persistence: number | null;
  readonly trend: number | null;
  readonly crps_trend: number | null;
  readonly note: string;
}

export interface SkippedFigure {
  readonly line: number;
  readonly indicator: string;
  readonly time: string;
  readonly reason: string;
}

export interface BacktestResult {
  readonly scenario: string;
  readonly replicates: number;
  readonly seed: number;
  /** Replicates that failed (left out of every ensemble). */
  readonly failed: number;
  readonly steps: number;
  readonly rows: BacktestRow[];
  /** Share of rows whose range overlaps the model's 90 % interval; null without rows. */
  readonly coverage: number | null;
  /** Mean over rows of 1 - CRPS / CRPS_persistence (rows with a persistence CRPS above 0). */
  readonly skill: number | null;
  readonly skill_rows: number;
  /** The same against the trend forecast. */
  readonly skill_trend: number | null;
  readonly skill_trend_rows: number;
  /** Indicators of the file the model does not have. */
  readonly missing: string[];
  /** Figures of indicators the model has that could not be scored (e.g. dated before the start). */
  readonly skipped: SkippedFigure[];
}

export interface BacktestOptions {
  /** Replicates of the scenario; default 100. */
  readonly replicates?: number;
  /** Experiment seed: replicate r runs with deriveSeed(seed, 0, r). Default 1. */
  readonly seed?: number;
  /** Figures known at the forecast origin, for the baselines (none: the baselines are null). */
  readonly calibration?: readonly ObservedFigure[];
  readonly executor: (job: JobSpec) => Executor;
  /** Where workers find the model (tests with models outside the registry). */
  readonly model?: JobSpec['model'];
  /** Called after each finished replicate. */
  readonly onRun?: (done: number, total: number) => void;
}

export const DEFAULT_REPLICATES = 100;

/** Numeric national indicators of the scenario's model. */
export function numericIndicators(scenario: LoadedScenario): string[] {
  return scenario.model
    .columns(scenario.scenario)
    .filter((c) => c.type !== 'string')
    .map((c) => c.name);
}

export async function backtestScenario(scenario: LoadedScenario, figures: readonly ObservedFigure[], options: BacktestOptions): Promise<BacktestResult> {
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const seed = options.seed ?? 1;
  const model = scenario.model;
  const known = new Set(numericIndicators(scenario));
  const missing = [...new Set(figures.filter((f) => !known.has(f.indicator)).map((f) => f.indicator))].sort();
  const skipped: SkippedFigure[] = [];
  const scored: { figure: ObservedFigure; step: number; position: number }[] = [];
  for (const f of figures) {
    if (!known.has(f.indicator)) continue;
    const skip = (reason: string) => skipped.push({ line: f.line, indicator: f.indicator, time: f.time, reason });
    if (f.step !== undefined) {
      scored.push({ figure: f, step: f.step, position: f.step });
      continue;
    }
    const s = stepOfDate(model.clock, scenario.scenario, f.date!);
    if ('reason' in s) skip(s.reason);
    else scored.push({ figure: f, step: s.step, position: (stepPosition(model.clock, scenario.scenario, f.date!) as { position: number }).position });
  }
  const calibration = placeFigures(scenario, options.calibration ?? []);

  // One value_at summary per (indicator, step): the runs keep no series, so memory stays flat.
  const keys = [...new Set(scored.map((s) => `${s.figure.indicator}@${s.step}`))];
  const summaries: Summary[] = keys.map((k, i) => {
    const [indicator, step] = [k.slice(0, k.lastIndexOf('@')), Number(k.slice(k.lastIndexOf('@') + 1))];
    return { name: `o${i}`, stat: 'value_at', indicator, at: step };
  });
  // Only as far as the last figure: the runs need no step beyond it.
  const steps = Math.max(1, ...scored.map((s) => s.step));
  const results = scored.length > 0 ? await runReplicates(scenario, summaries, steps, replicates, seed, options) : [];
  const ok = results.filter((r) => r.status === 'ok').sort((a, b) => a.replicate - b.replicate);
  if (scored.length > 0 && ok.length === 0) throw new Error(`every replicate of ${scenario.file} failed: ${results[0]?.error ?? 'no result'}`);

  const rows: BacktestRow[] = scored.map(({ figure: f, step, position }) => {
    const col = keys.indexOf(`${f.indicator}@${step}`);
    const ensemble = ok.map((r) => r.summaries[col]).filter((v): v is number => v !== null);
    const sorted = sortedCopy(ensemble);
    const p05 = quantileSorted(sorted, 0.05);
    const p95 = quantileSorted(sorted, 0.95);
    const base = baselinesAt(calibration, f.indicator, position);
    const pointCrps = (x: number | null) => (x === null ? null : Math.abs(x - f.value));
    return {
      indicator: f.indicator,
      time: f.time,
      step,
      value: f.value,
      low: f.low,
      high: f.high,
      mean: mean(ensemble),
      p05,
      p95,
      covered: f.low <= p95 && f.high >= p05,
      crps: crpsEnsemble(sorted, f.value),
      persistence: base.persistence,
      crps_persistence: pointCrps(base.persistence),
      trend: base.trend,
      crps_trend: pointCrps(base.trend),
      note: f.note,
    };
  });
  const skillOf = (baseline: (r: BacktestRow) => number | null) => {
    const usable = rows.filter((r) => {
      const b = baseline(r);
      return b !== null && b > 0;
    });
    return { skill: usable.length ? mean(usable.map((r) => 1 - r.crps / baseline(r)!)) : null, n: usable.length };
  };
  const persistence = skillOf((r) => r.crps_persistence);
  const trend = skillOf((r) => r.crps_trend);
  return {
    scenario: scenario.file,
    replicates,
    seed,
    failed: results.length - ok.length,
    steps,
    rows,
    coverage: rows.length ? rows.filter((r) => r.covered).length / rows.length : null,
    skill: persistence.skill,
    skill_rows: persistence.n,
    skill_trend: trend.skill,
    skill_trend_rows: trend.n,
    missing,
    skipped,
  };
}

/** Calibration figures on the scenario's clock; figures it cannot place are left out. */
function placeFigures(scenario: LoadedScenario, figures: readonly ObservedFigure[]): PlacedFigure[] {
  const placed: PlacedFigure[] = [];
  for (const f of figures) {
    if (f.step !== undefined) placed.push({ figure: f, position: f.step });
    else {
      const p = stepPosition(scenario.model.clock, scenario.scenario, f.date!);
      if ('position' in p) placed.push({ figure: f, position: p.position });
    }
  }
  return placed;
}

async function runReplicates(
  scenario: LoadedScenario,
  summaries: Summary[],
  steps: number,
  replicates: number,
  seed: number,
  options: BacktestOptions,
): Promise<RunResult[]> {
  const job: JobSpec = {
    model: options.model ?? { id: scenario.model.id },
    scenario: scenario.scenario,
    factorPaths: {},
    steps,
    summaries,
    series: null,
    every: 1,
  };
  const executor = options.executor(job);
  const results: RunResult[] = [];
  try {
    await executor.runBatch(tasksFor([{}], replicates, seed), (r) => {
      results.push(r);
      options.onRun?.(results.length, replicates);
    });
  } finally {
    await executor.close();
  }
  return results;
}
