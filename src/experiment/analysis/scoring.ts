import { quantileSorted, sortedCopy } from './stats.js';

/**
 * Back-test scores for ensemble forecasts against observations: central-interval coverage, the
 * interval score (Gneiting & Raftery 2007, sec. 6.2) and the CRPS of the ensemble's empirical
 * distribution, with a persistence baseline (the last observed value as a point forecast).
 */

/**
 * CRPS of an ensemble in the energy form E|X - y| - 1/2 E|X - X'| (Gneiting & Raftery 2007, eq. 20).
 * `fair` divides the spread term by m(m-1) instead of m^2 (Ferro 2014), an unbiased estimate of the
 * CRPS of the distribution the members are drawn from. A one-member ensemble gives |x - y| either way.
 */
export function crpsEnsemble(ensemble: ArrayLike<number>, y: number, options: { fair?: boolean } = {}): number {
  const m = ensemble.length;
  if (m === 0) return NaN;
  const x = sortedCopy(ensemble);
  let absErr = 0;
  for (let i = 0; i < m; i++) absErr += Math.abs(x[i] - y);
  // sum_{i,j} |x_i - x_j| = 2 sum_i (2i - m + 1) x_(i) over the sorted members: O(m log m), not O(m^2).
  let spread = 0;
  for (let i = 0; i < m; i++) spread += (2 * i - m + 1) * x[i];
  spread *= 2;
  if (m === 1) return absErr;
  const denom = options.fair ? m * (m - 1) : m * m;
  return absErr / m - (0.5 * spread) / denom;
}

/**
 * Interval score of the central (1 - alpha) interval [lo, hi]: its width plus 2/alpha times the
 * distance by which y falls outside. Lower is better.
 */
export function intervalScore(lo: number, hi: number, y: number, alpha: number): number {
  let s = hi - lo;
  if (y < lo) s += (2 / alpha) * (lo - y);
  if (y > hi) s += (2 / alpha) * (y - hi);
  return s;
}

/** Central p interval of an ensemble by type-7 quantiles at (1-p)/2 and (1+p)/2. */
export function centralInterval(ensemble: ArrayLike<number>, p: number): [number, number] {
  const s = sortedCopy(ensemble);
  return [quantileSorted(s, (1 - p) / 2), quantileSorted(s, (1 + p) / 2)];
}

/** Share of observations inside the central p interval of their ensembles (bounds inclusive). */
export function intervalCoverage(ensembles: readonly ArrayLike<number>[], observations: readonly number[], p: number): number {
  checkLengths(ensembles, observations);
  let inside = 0;
  observations.forEach((y, t) => {
    const [lo, hi] = centralInterval(ensembles[t], p);
    if (y >= lo && y <= hi) inside++;
  });
  return inside / observations.length;
}

export interface ForecastScores {
  readonly n: number;
  /** Share of observations inside the central (1 - alpha) interval. */
  readonly coverage: number;
  /** Mean interval score for alpha. */
  readonly intervalScore: number;
  /** Mean CRPS. */
  readonly crps: number;
  /** Mean absolute error of the ensemble median. */
  readonly mae: number;
}

export interface ScoreOptions {
  /** The interval is the central (1 - alpha) one; default 0.1 (a 90% interval). */
  readonly alpha?: number;
  readonly fair?: boolean;
}

/** Mean scores of ensemble forecasts, one ensemble per observation. */
export function scoreEnsembles(ensembles: readonly ArrayLike<number>[], observations: readonly number[], options: ScoreOptions = {}): ForecastScores {
  checkLengths(ensembles, observations);
  const alpha = options.alpha ?? 0.1;
  let inside = 0;
  let is = 0;
  let crps = 0;
  let mae = 0;
  observations.forEach((y, t) => {
    const s = sortedCopy(ensembles[t]);
    const lo = quantileSorted(s, alpha / 2);
    const hi = quantileSorted(s, 1 - alpha / 2);
    if (y >= lo && y <= hi) inside++;
    is += intervalScore(lo, hi, y, alpha);
    crps += crpsEnsemble(s, y, { fair: options.fair });
    mae += Math.abs(quantileSorted(s, 0.5) - y);
  });
  const n = observations.length;
  return { n, coverage: inside / n, intervalScore: is / n, crps: crps / n, mae: mae / n };
}

/** Persistence baseline: every horizon forecast is the last observed value (a degenerate ensemble). */
export function scorePersistence(lastObserved: number, observations: readonly number[], options: ScoreOptions = {}): ForecastScores {
  return scoreEnsembles(observations.map(() => [lastObserved]), observations, options);
}

export interface BacktestResult {
  readonly model: ForecastScores;
  readonly persistence: ForecastScores;
  /** 1 - CRPS(model) / CRPS(persistence): positive when the model beats persistence. */
  readonly crpsSkill: number;
}

export function backtest(
  ensembles: readonly ArrayLike<number>[],
  observations: readonly number[],
  lastObserved: number,
  options: ScoreOptions = {},
): BacktestResult {
  const model = scoreEnsembles(ensembles, observations, options);
  const persistence = scorePersistence(lastObserved, observations, options);
  return { model, persistence, crpsSkill: 1 - model.crps / persistence.crps };
}

function checkLengths(ensembles: readonly ArrayLike<number>[], observations: readonly number[]): void {
  if (ensembles.length !== observations.length) {
    throw new RangeError(`scoring: ${ensembles.length} ensembles for ${observations.length} observations`);
  }
}
