/**
 * The experiment layer's public API (Node: files, worker threads, the DuckDB store). The
 * browser-safe parts are executor.ts, inline-executor.ts, run-task.ts, summaries.ts and schema.ts.
 */
export { ExperimentSchema, factorColumnName, type Experiment, type Factor, type Summary } from './schema.js';
export { loadExperiment, jobSpec, type LoadedExperiment, type LoadExperimentOptions } from './load.js';
export { runExperiment, type RunExperimentOptions, type RunProgress, type ExperimentOutcome, type KindContext } from './runner.js';
export type { Executor, JobSpec, RunTask, RunResult, SeriesBlock } from './executor.js';
export { InlineExecutor } from './inline-executor.js';
export { LocalExecutor, workerFile, type LocalExecutorOptions } from './local-executor.js';
export { executeRun } from './run-task.js';
export { plannedRuns } from './planned-runs.js';
export { measureThroughput, type ThroughputOptions, type Throughput } from './throughput.js';
export { experimentSchemaText } from './json-schema.js';
export { POWDERKEG_VERSION } from './version.js';
