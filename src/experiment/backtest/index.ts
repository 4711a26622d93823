/** The back-test harness: observed figures with ranges, scored against a scenario's ensemble and naive baselines. */
export { readObservedFile, parseObservedText, isIsoDate, OBSERVED_COLUMNS, type ObservedFigure } from './observed-file.js';
export { stepOfDate, stepPosition, daysBetween } from './clock.js';
export { baselinesAt, linearTrendAt, type Baselines, type PlacedFigure } from './baselines.js';
export { backtestScenario, numericIndicators, DEFAULT_REPLICATES, type BacktestOptions, type BacktestResult, type BacktestRow, type SkippedFigure } from './harness.js';
export { compareBacktests, type Comparison, type ScenarioStanding } from './compare.js';
