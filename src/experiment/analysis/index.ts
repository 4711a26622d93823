/** Analyses of experiment outputs: sensitivity (Morris, Sobol), calibration (ABC-SMC), back-test scores, PRIM. */
export * from './stats.js';
export { cholesky, invertFromCholesky } from './linear-algebra.js';
export {
  morrisDesign,
  morrisAnalyze,
  elementaryEffects,
  type MorrisDesign,
  type MorrisDesignOptions,
  type MorrisFactorResult,
  type MorrisAnalyzeOptions,
} from './morris.js';
export { saltelliDesign, SALTELLI_MAX_DIMENSION, type SaltelliDesign, type SaltelliOptions } from './saltelli.js';
export {
  sobolAnalyze,
  type SobolIndices,
  type SobolAnalyzeOptions,
  type IndexEstimate,
  type SobolWarning,
  type SobolWarningCode,
  type SobolConvergenceStep,
} from './sobol-indices.js';
export { samplePrior, priorLogDensity, jointPriorLogDensity, type Prior, type PriorDistribution } from './priors.js';
export { rangeDistance, scaledEuclideanDistance, type RangeTarget } from './abc-distance.js';
export {
  AbcSmc,
  runAbcSmc,
  batchSimulator,
  type AbcSmcOptions,
  type AbcCandidate,
  type AbcGeneration,
  type AbcResult,
  type AbcStopReason,
  type AbcBatchSimulator,
} from './abc-smc.js';
export {
  crpsEnsemble,
  intervalScore,
  centralInterval,
  intervalCoverage,
  scoreEnsembles,
  scorePersistence,
  backtest,
  type ForecastScores,
  type ScoreOptions,
  type BacktestResult,
} from './scoring.js';
export { prim, type PrimBox, type PrimLimit, type PrimOptions, type PrimResult } from './prim.js';
