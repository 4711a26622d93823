import type { ColumnType } from '../engine/model.js';
import { quoteIdent, type SqlColumn, type SqlType } from './sql-types.js';

/**
 * The catalogue of the experiment store: every table a store may hold, with its columns in
 * order and their SQL types. Writers create and append through these entries and readers take
 * their column lists from them, so a column is named in one place. docs/store.md explains what
 * each column means.
 *
 * STORE_SCHEMA_VERSION goes up by one whenever a table or column is added, removed, renamed or
 * changes meaning; `powderkeg migrate` brings an older store up to date (src/store/migrate.ts).
 * Stores made before the version existed count as version 1.
 */
export const STORE_SCHEMA_VERSION = 4;

export interface StoreTable {
  readonly name: string;
  readonly columns: readonly SqlColumn[];
}

const v = (name: string): SqlColumn => ({ name, type: 'VARCHAR' });
const d = (name: string): SqlColumn => ({ name, type: 'DOUBLE' });
const i = (name: string): SqlColumn => ({ name, type: 'BIGINT' });
const b = (name: string): SqlColumn => ({ name, type: 'BOOLEAN' });
const table = (name: string, columns: readonly SqlColumn[]): StoreTable => ({ name, columns });

/** What the runs table needs to know of an experiment: its factor and summary columns. */
export interface StoreLayout {
  readonly factors: readonly { readonly name: string; readonly path: string; readonly type: SqlType }[];
  readonly summaries: readonly string[];
}

export const MANIFEST = table('manifest', [
  v('powderkeg_version'),
  v('kind'),
  v('experiment_file'),
  v('experiment_hash'),
  v('scenario_file'),
  v('scenario_hash'),
  v('model'),
  i('seed'),
  v('experiment_json'),
  v('layout_json'),
  v('started_at'),
  v('finished_at'),
  v('status'),
  // Last, so that the columns before it keep their places in stores of version 1.
  i('schema_version'),
  // Version 4: the validated scenario as canonical JSON, so that a refused --resume can show what changed.
  v('scenario_json'),
]);

export const FACTORS = table('factors', [v('name'), v('path'), v('type')]);

/** Columns every runs table starts with, before the experiment's factors. */
const RUN_KEYS = [v('run_id'), i('row'), i('replicate'), i('seed'), v('status'), v('error')];

export function runsTable(layout: StoreLayout): StoreTable {
  return table('runs', [
    ...RUN_KEYS,
    ...layout.factors.map((f) => ({ name: f.name, type: f.type })),
    ...layout.summaries.map(d),
    i('steps'),
    // Last on purpose: the only column that differs between identical runs.
    d('elapsed_ms'),
  ]);
}

/** Columns before the indicators in the series table. */
export const SERIES_KEYS: readonly SqlColumn[] = [v('run_id'), i('row'), i('replicate'), i('step')];

export function seriesTable(indicators: readonly { readonly name: string; readonly type: ColumnType }[]): StoreTable {
  return table('series', [...SERIES_KEYS, ...indicators.map((c) => ({ name: c.name, type: (c.type === 'int' ? 'BIGINT' : 'DOUBLE') as SqlType }))]);
}

export const ENSEMBLE_BANDS = table('ensemble_bands', [v('indicator'), i('step'), i('runs'), d('mean'), d('q05'), d('q25'), d('q50'), d('q75'), d('q95')]);

export const SENSITIVITY = table('sensitivity', [v('output'), v('method'), v('factor'), v('index'), d('value'), d('ci_low'), d('ci_high')]);
export const CONVERGENCE_WARNINGS = table('convergence_warnings', [v('output'), v('code'), v('factor'), v('message')]);
export const SENSITIVITY_CONVERGENCE = table('sensitivity_convergence', [v('output'), i('base_samples'), v('factor'), d('S1'), d('ST')]);

/** One row per particle, one column per calibrated parameter. */
export function posteriorTable(parameters: readonly string[]): StoreTable {
  return table('posterior', [i('generation'), i('particle'), ...parameters.map(d), d('weight'), d('distance')]);
}
export const ABC_GENERATIONS = table('abc_generations', [i('generation'), d('epsilon'), i('candidates'), d('acceptance_rate'), d('effective_sample_size'), v('stop_reason')]);
export const CALIBRATION_TARGETS = table('targets', [v('summary'), d('observed'), d('low'), d('high'), d('scale')]);
/** Per calibrated parameter: 90 % prior and posterior intervals and their width ratio (src/experiment/calibration/identifiability.ts). */
export const IDENTIFIABILITY = table('identifiability', [v('parameter'), v('prior'), d('prior_low'), d('prior_high'), d('posterior_mean'), d('posterior_median'), d('posterior_low'), d('posterior_high'), d('width_ratio'), v('verdict')]);

export const BACKTEST_SCORES = table('backtest_scores', [
  v('indicator'),
  d('level'),
  i('n'),
  d('coverage'),
  d('interval_score'),
  d('crps'),
  d('mae'),
  d('persistence_coverage'),
  d('persistence_interval_score'),
  d('persistence_crps'),
  d('persistence_mae'),
  d('crps_skill'),
]);

export const OUTCOMES = table('outcomes', [v('run_id'), i('row'), i('replicate'), i('outcome')]);
export const PRIM_BOXES = table('prim_boxes', [v('kind'), i('step'), v('factor'), d('lo'), d('hi'), b('restricted'), d('coverage'), d('density'), d('mass'), i('count')]);

export const ATTRIBUTION = table('attribution', [
  v('mechanism'),
  v('mechanism_name'),
  v('indicator'),
  i('replicates'),
  d('baseline_mean'),
  d('ablated_mean'),
  d('diff'),
  d('diff_low'),
  d('diff_high'),
  d('relative'),
  d('relative_low'),
  d('relative_high'),
  // Version 3: the precision of each paired change and what the arm changed (src/experiment/attribution.ts).
  d('sd'),
  d('mde'),
  v('estimator'),
  v('stop_reason'),
  d('baseline_low'),
  d('baseline_high'),
  d('ablated_low'),
  d('ablated_high'),
  v('arm_kind'),
  d('arm_value'),
]);

/** Attribution arms beyond single mechanisms (groups switched off, swept values): the attribution's columns. */
export const ATTRIBUTION_ARMS = table('attribution_arms', ATTRIBUTION.columns);

/** Per attribution arm: the pairs it ran, why it stopped, the precision its primary headline reached. */
export const ATTRIBUTION_PRECISION = table('attribution_precision', [
  v('arm'),
  v('arm_name'),
  v('arm_kind'),
  i('pairs'),
  v('stop_reason'),
  v('criterion'),
  d('event_target'),
  d('stock_target'),
  i('max_pairs'),
  d('half_width'),
  d('mde'),
  i('baseline_runs'),
  i('rounds'),
]);

/** The main job's scenario as run, and its targets as evaluated. */
export const SCENARIO = table('scenario', [v('file'), v('scenario_json')]);
export const TARGET_RESULTS = table('target_results', [v('id'), v('claim'), v('measure'), d('mean'), d('low'), d('high'), d('min'), d('max'), b('pass'), i('runs')]);

/** Marks a store as one shard of `powderkeg experiment --shard i/N` (src/experiment/shard.ts); merged stores have none. */
export const SHARD = table('shard', [i('shard_index'), i('shard_count'), b('complete')]);

/**
 * The store's description of its model, so that readers (the report, `serve`) need neither the
 * model nor the scenario file: one row per key, its value as JSON. Keys: `model` {id, title},
 * `columns` and `group_columns` [{name, type, unit}], `clock` {unit, startDate}, `default_series`,
 * `parameter_schema` (the scenario's JSON Schema, carrying units and sources), `observed` (a
 * back-test's observations). Written by the experiment runner when it creates the store.
 */
export const MODEL_META = table('model_meta', [v('key'), v('value_json')]);

/**
 * The main job's out-of-sample back-test (`npx powderkeg --observed FILE`): every scored figure
 * of every scenario, and each scenario's standing; `favoured` marks the one the figures favour.
 */
export const BACKTEST_FIGURES = table('backtest_figures', [
  v('scenario'), v('indicator'), v('time'), i('step'), d('value'), d('low'), d('high'),
  d('mean'), d('p05'), d('p95'), b('covered'), d('crps'), d('crps_persistence'), v('note'), b('in_calibration'),
]);
export const BACKTEST_STANDINGS = table('backtest_standings', [
  v('scenario'), i('replicates'), i('figures'), d('coverage'), d('skill'), d('relative_crps'), i('rows_won'), b('favoured'), v('reason'), v('observed_file'), v('missing'),
]);

/** The fixed-shape tables by name (runs, series and posterior depend on the experiment). */
export const FIXED_TABLES: readonly StoreTable[] = [
  MANIFEST,
  FACTORS,
  ENSEMBLE_BANDS,
  SENSITIVITY,
  CONVERGENCE_WARNINGS,
  SENSITIVITY_CONVERGENCE,
  ABC_GENERATIONS,
  CALIBRATION_TARGETS,
  IDENTIFIABILITY,
  BACKTEST_SCORES,
  OUTCOMES,
  PRIM_BOXES,
  ATTRIBUTION,
  ATTRIBUTION_ARMS,
  ATTRIBUTION_PRECISION,
  SCENARIO,
  TARGET_RESULTS,
  SHARD,
  BACKTEST_FIGURES,
  BACKTEST_STANDINGS,
  MODEL_META,
];

/** `"a", "b", "c"`: the table's columns (or the named subset, checked), for SELECT and INSERT lists. */
export function columnNames(t: StoreTable, only?: readonly string[]): string {
  const names = t.columns.map((c) => c.name);
  const picked = only ?? names;
  for (const n of picked) if (!names.includes(n)) throw new Error(`table ${t.name} has no column ${n}`);
  return picked.map(quoteIdent).join(', ');
}
