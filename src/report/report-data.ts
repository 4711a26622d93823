/**
 * Everything a report shows, in the report's own terms. `read-store.ts` fills it from an
 * experiment store; the sections and charts depend only on this shape, so a change of table
 * layout touches one file.
 */
import type { BacktestRow } from '../experiment/backtest/harness.js';
import type { IdentifiabilityRow } from '../experiment/calibration/identifiability.js';

export interface ReportHeader {
  readonly file: string;
  readonly experiment: string;
  readonly kind: string;
  readonly model: string;
  readonly powderkegVersion: string;
  readonly seed: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly runsDone: number;
  readonly runsExpected: number;
  readonly complete: boolean;
}

/** The ensemble's 5, 25, 50, 75 and 95 % quantiles, per recorded step. */
export interface Quantiles {
  readonly steps: readonly number[];
  readonly p05: readonly number[];
  readonly p25: readonly number[];
  readonly p50: readonly number[];
  readonly p75: readonly number[];
  readonly p95: readonly number[];
}

/** Quantiles of one indicator over the ensemble, per recorded step. */
export interface Band extends Quantiles {
  readonly indicator: string;
  readonly unit: string;
  /** Null for the national/global series. */
  readonly group: string | null;
  /** Design point the band belongs to (0 for a single scenario). */
  readonly designRow: number;
}

export interface TargetResult {
  readonly name: string;
  readonly description: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly pass: boolean | null;
}

export type Interval = readonly [low: number, high: number];

export interface MorrisRow {
  readonly output: string;
  readonly factor: string;
  readonly mu: number;
  readonly muStar: number;
  readonly sigma: number;
  /** The bootstrap interval of mu*, as stored (percentile intervals need not be symmetric). */
  readonly muStarCi: Interval | null;
}

export interface SobolRow {
  readonly output: string;
  readonly factor: string;
  readonly s1: number;
  readonly s1Ci: Interval | null;
  readonly st: number;
  readonly stCi: Interval | null;
}

export interface PosteriorSample {
  readonly generation: number;
  readonly parameter: string;
  readonly value: number;
  readonly weight: number;
}

export interface EpsilonRow {
  readonly generation: number;
  readonly epsilon: number;
  readonly acceptanceRate: number | null;
}

export interface BacktestSeries extends Quantiles {
  readonly indicator: string;
  readonly observed: readonly { step: number; value: number }[];
}

export interface BacktestScore {
  readonly indicator: string;
  readonly metric: string;
  readonly model: number;
  readonly persistence: number | null;
}

export interface PrimStep {
  readonly box: number;
  readonly step: number;
  readonly coverage: number;
  readonly density: number;
  readonly mass: number | null;
}

export interface PrimLimit {
  readonly box: number;
  readonly parameter: string;
  readonly low: number | null;
  readonly high: number | null;
  readonly restricted?: boolean;
}

export type { AttributionRow } from '../experiment/attribution.js';
import type { AttributionRow } from '../experiment/attribution.js';
import type { SeedQuestionData } from './seed-question.js';

export interface ParameterRow {
  readonly path: string;
  readonly value: string;
  readonly unit: string;
  readonly source: string;
  readonly description: string;
}

/** One scored figure of one scenario, as the back-test harness scored it. */
export type SideBySideFigure = Pick<BacktestRow, 'indicator' | 'time' | 'value' | 'low' | 'high' | 'mean' | 'p05' | 'p95' | 'covered' | 'crps'> & {
  readonly scenario: string;
  /** Also a calibration figure: in sample, so no test of the forecast. */
  readonly inCalibration: boolean;
};

export interface SideBySideStanding {
  readonly scenario: string;
  readonly replicates: number;
  readonly figures: number;
  readonly coverage: number | null;
  readonly skill: number | null;
  readonly relativeCrps: number | null;
  readonly rowsWon: number | null;
  readonly favoured: boolean;
  readonly reason: string | null;
  readonly observedFile: string;
  readonly missing: string;
}

export interface SideBySideBacktest {
  readonly standings: readonly SideBySideStanding[];
  readonly figures: readonly SideBySideFigure[];
}

export interface ReportData {
  readonly header: ReportHeader;
  readonly scenarioText: string;
  /** Name of the time axis, e.g. "week after 2022-01-03". */
  readonly stepName: string;
  readonly parameters: readonly ParameterRow[];
  readonly bands: readonly Band[];
  readonly targets: readonly TargetResult[];
  readonly morris: readonly MorrisRow[];
  readonly sobol: readonly SobolRow[];
  readonly posterior: readonly PosteriorSample[];
  readonly epsilons: readonly EpsilonRow[];
  readonly backtest: readonly BacktestSeries[];
  readonly backtestScores: readonly BacktestScore[];
  readonly primSteps: readonly PrimStep[];
  readonly primLimits: readonly PrimLimit[];
  readonly attribution: readonly AttributionRow[];
  /** Calibration: posterior against prior width per parameter (absent in older fixtures). */
  readonly identifiability?: readonly IdentifiabilityRow[];
  /** The main job's back-test of its scenario and those beside it (`npx powderkeg --observed FILE`). */
  readonly sideBySide?: SideBySideBacktest;
  /** Group and sweep arms of an attribution and the precision each arm reached (seed-question.ts). */
  readonly seedQuestion?: SeedQuestionData;
  readonly warnings: readonly string[];
}
