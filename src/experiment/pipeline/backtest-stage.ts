import type { LoadedScenario } from '../../scenario/load.js';
import type { ExperimentStore } from '../../store/experiment-store.js';
import { BACKTEST_FIGURES, BACKTEST_STANDINGS } from '../../store/tables.js';
import { backtestScenario, compareBacktests, type BacktestResult, type Comparison, type ObservedFigure } from '../backtest/index.js';
import { LocalExecutor } from '../local-executor.js';

/** What the main job needs to back-test its scenario, and the scenarios to put beside it. */
export interface MainBacktest {
  readonly observedFile: string;
  readonly figures: readonly ObservedFigure[];
  /** Figures known at the forecast origin, for the persistence baseline. */
  readonly calibration: readonly ObservedFigure[];
  /** Scenario files scored on the same figures, at the same `set:` as the main scenario. */
  readonly compare: readonly string[];
  readonly replicates: number;
}

export interface BacktestStageResult {
  readonly results: readonly BacktestResult[];
  readonly comparison: Comparison | null;
}

/**
 * The main job's back-test: each scenario's ensemble scored on the observed figures, side by
 * side, written into the store so that the report shows it. Figures that are also calibration
 * figures are marked, since a scenario may have been fitted to them.
 */
export async function runBacktestStage(
  store: ExperimentStore,
  scenarios: readonly LoadedScenario[],
  b: MainBacktest,
  seed: number,
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<BacktestStageResult> {
  const results: BacktestResult[] = [];
  const total = scenarios.length * b.replicates;
  for (const [i, scenario] of scenarios.entries()) {
    results.push(
      await backtestScenario(scenario, b.figures, {
        replicates: b.replicates,
        seed,
        calibration: b.calibration,
        executor: (job) => new LocalExecutor(job, { workers }),
        onRun: (done) => onProgress?.(i * b.replicates + done, total),
      }),
    );
  }
  const comparison = results.length > 1 ? compareBacktests(results) : null;
  // A figure that is also a calibration figure may have been fitted: the report says which are out of sample.
  const calibrated = new Set(b.calibration.map((f) => `${f.indicator}@${f.time}`));
  await store.writeTable(
    BACKTEST_FIGURES,
    results.flatMap((r) =>
      r.rows.map((x) => [r.scenario, x.indicator, x.time, x.step, x.value, x.low, x.high, x.mean, x.p05, x.p95, x.covered, x.crps, x.crps_persistence, x.note, calibrated.has(`${x.indicator}@${x.time}`)]),
    ),
  );
  await store.writeTable(
    BACKTEST_STANDINGS,
    results.map((r) => {
      const standing = comparison?.standings.find((s) => s.scenario === r.scenario);
      return [
        r.scenario, r.replicates, r.rows.length, r.coverage, r.skill, standing?.relative_crps ?? null, standing?.rows_won ?? null,
        comparison?.favoured === r.scenario, comparison?.reason ?? null, b.observedFile, r.missing.join(', '),
      ];
    }),
  );
  return { results, comparison };
}
