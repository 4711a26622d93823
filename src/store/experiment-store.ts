import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../engine/model.js';
import { appendCell, columnList, quoteIdent, type SqlColumn, type SqlType } from './sql-types.js';

/**
 * One DuckDB file per experiment: what was run (manifest), every run with its parameters and
 * summaries, optional per-step series, and the analyses' result tables. Runs are appended in
 * transactions as they finish, so a killed experiment loses at most the batch in flight and a
 * resumed one sees every committed run exactly once (run_id is the primary key).
 */

export interface StoreLayout {
  readonly factors: readonly { readonly name: string; readonly path: string; readonly type: SqlType }[];
  readonly summaries: readonly string[];
}

export interface ManifestInfo {
  readonly powderkeg_version: string;
  readonly kind: string;
  readonly experiment_file: string;
  readonly experiment_hash: string;
  readonly scenario_file: string;
  readonly scenario_hash: string;
  readonly model: string;
  readonly seed: number;
  /** The validated experiment as JSON, so readers need not re-parse the YAML. */
  readonly experiment_json: string;
}

export interface Manifest extends ManifestInfo {
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly status: 'complete' | 'incomplete';
  readonly layout: StoreLayout;
}

/** A finished run as the store records it (the experiment layer's RunResult has this shape). */
export interface StoredRun {
  readonly runId: string;
  readonly row: number;
  readonly replicate: number;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly status: 'ok' | 'failed';
  readonly error: string | null;
  readonly summaries: readonly (number | null)[];
  readonly steps: number;
  readonly elapsedMs: number;
  readonly series: {
    readonly columns: readonly string[];
    readonly types: readonly ColumnType[];
    readonly steps: Int32Array;
    readonly values: Float64Array;
  } | null;
}

const MANIFEST_COLUMNS: SqlColumn[] = [
  { name: 'powderkeg_version', type: 'VARCHAR' },
  { name: 'kind', type: 'VARCHAR' },
  { name: 'experiment_file', type: 'VARCHAR' },
  { name: 'experiment_hash', type: 'VARCHAR' },
  { name: 'scenario_file', type: 'VARCHAR' },
  { name: 'scenario_hash', type: 'VARCHAR' },
  { name: 'model', type: 'VARCHAR' },
  { name: 'seed', type: 'BIGINT' },
  { name: 'experiment_json', type: 'VARCHAR' },
  { name: 'layout_json', type: 'VARCHAR' },
  { name: 'started_at', type: 'VARCHAR' },
  { name: 'finished_at', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
];

export class ExperimentStore {
  private seriesColumns: SqlColumn[] | null = null;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly layout: StoreLayout,
  ) {}

  /** A new store; the caller has checked that `path` does not exist. */
  static async create(path: string, info: ManifestInfo, layout: StoreLayout): Promise<ExperimentStore> {
    if (existsSync(path)) throw new Error(`${path} already exists`);
    await mkdir(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const store = new ExperimentStore(path, instance, connection, layout);
    await connection.run(`CREATE TABLE manifest (${columnList(MANIFEST_COLUMNS)})`);
    await connection.run(`CREATE TABLE factors (name VARCHAR, path VARCHAR, type VARCHAR)`);
    await connection.run(`CREATE TABLE runs (${columnList(store.runColumns())}, PRIMARY KEY (run_id))`);
    await store.appendRows('manifest', MANIFEST_COLUMNS, [
      [...Object.values(pickInfo(info)), JSON.stringify(layout), new Date().toISOString(), null, 'incomplete'],
    ]);
    await store.appendRows(
      'factors',
      [
        { name: 'name', type: 'VARCHAR' },
        { name: 'path', type: 'VARCHAR' },
        { name: 'type', type: 'VARCHAR' },
      ],
      layout.factors.map((f) => [f.name, f.path, f.type]),
    );
    return store;
  }

  static async open(path: string): Promise<ExperimentStore> {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll('SELECT layout_json FROM manifest')).getRowObjectsJS();
    if (rows.length !== 1) throw new Error(`${path}: not an experiment store (no manifest)`);
    const store = new ExperimentStore(path, instance, connection, JSON.parse(String(rows[0].layout_json)) as StoreLayout);
    const tables = await store.tableNames();
    if (tables.includes('series')) {
      const cols = (await connection.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'series' ORDER BY ordinal_position`)).getRowsJS();
      store.seriesColumns = cols.map(([name, type]) => ({ name: String(name), type: String(type) as SqlType }));
    }
    return store;
  }

  async manifest(): Promise<Manifest> {
    const row = (await this.connection.runAndReadAll('SELECT * FROM manifest')).getRowObjectsJS()[0];
    const { layout_json, seed, ...rest } = row as Record<string, unknown>;
    return { ...(rest as unknown as Manifest), seed: Number(seed), layout: JSON.parse(String(layout_json)) as StoreLayout };
  }

  private runColumns(): SqlColumn[] {
    return [
      { name: 'run_id', type: 'VARCHAR' },
      { name: 'row', type: 'BIGINT' },
      { name: 'replicate', type: 'BIGINT' },
      { name: 'seed', type: 'BIGINT' },
      { name: 'status', type: 'VARCHAR' },
      { name: 'error', type: 'VARCHAR' },
      ...this.layout.factors.map((f) => ({ name: f.name, type: f.type })),
      ...this.layout.summaries.map((name) => ({ name, type: 'DOUBLE' as const })),
      { name: 'steps', type: 'BIGINT' },
      // Last on purpose: the only column that differs between identical runs.
      { name: 'elapsed_ms', type: 'DOUBLE' },
    ];
  }

  /** Run ids already recorded, by status. */
  async recordedRuns(): Promise<Map<string, 'ok' | 'failed'>> {
    const rows = (await this.connection.runAndReadAll('SELECT run_id, status FROM runs')).getRowsJS();
    return new Map(rows.map(([id, status]) => [String(id), status as 'ok' | 'failed']));
  }

  /** Forgets failed runs so that a resumed experiment can record them afresh. */
  async dropFailedRuns(): Promise<number> {
    const failed = (await this.connection.runAndReadAll(`SELECT count(*) FROM runs WHERE status = 'failed'`)).getRowsJS()[0][0];
    await this.connection.run(`DELETE FROM runs WHERE status = 'failed'`);
    return Number(failed);
  }

  /** Records finished runs and their series in one transaction. */
  async appendRuns(runs: readonly StoredRun[]): Promise<void> {
    if (runs.length === 0) return;
    const first = runs.find((r) => r.series);
    if (first?.series && !this.seriesColumns) await this.createSeriesTable(first.series.columns, first.series.types);
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      const runCols = this.runColumns();
      const runs_ = await c.createAppender('runs');
      for (const r of runs) {
        const values: unknown[] = [
          r.runId,
          r.row,
          r.replicate,
          r.seed,
          r.status,
          r.error,
          ...this.layout.factors.map((f) => r.params[f.name]),
          ...this.layout.summaries.map((_, i) => r.summaries[i] ?? null),
          r.steps,
          r.elapsedMs,
        ];
        runCols.forEach((col, i) => appendCell(runs_, col.type, values[i]));
        runs_.endRow();
      }
      runs_.flushSync();
      runs_.closeSync();
      if (this.seriesColumns) {
        const cols = this.seriesColumns;
        const series = await c.createAppender('series');
        for (const r of runs) {
          const s = r.series;
          if (!s) continue;
          const n = s.steps.length;
          for (let i = 0; i < n; i++) {
            series.appendVarchar(r.runId);
            series.appendBigInt(BigInt(r.row));
            series.appendBigInt(BigInt(r.replicate));
            series.appendBigInt(BigInt(s.steps[i]));
            for (let j = 0; j < s.columns.length; j++) appendCell(series, cols[j + 4].type, s.values[j * n + i]);
            series.endRow();
          }
        }
        series.flushSync();
        series.closeSync();
      }
      await c.run('COMMIT');
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async createSeriesTable(columns: readonly string[], types: readonly ColumnType[]): Promise<void> {
    const cols: SqlColumn[] = [
      { name: 'run_id', type: 'VARCHAR' },
      { name: 'row', type: 'BIGINT' },
      { name: 'replicate', type: 'BIGINT' },
      { name: 'step', type: 'BIGINT' },
      ...columns.map((name, i) => ({ name, type: (types[i] === 'int' ? 'BIGINT' : 'DOUBLE') as SqlType })),
    ];
    await this.connection.run(`CREATE TABLE IF NOT EXISTS series (${columnList(cols)})`);
    this.seriesColumns = cols;
  }

  /** Replaces a result table with these rows (one transaction: readers never see half of it). */
  async replaceTable(name: string, columns: readonly SqlColumn[], rows: Iterable<readonly unknown[]>): Promise<void> {
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columnList(columns)})`);
      await this.appendRows(name, columns, rows);
      await c.run('COMMIT');
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async appendRows(name: string, columns: readonly SqlColumn[], rows: Iterable<readonly unknown[]>): Promise<void> {
    const appender = await this.connection.createAppender(name);
    for (const row of rows) {
      columns.forEach((col, i) => appendCell(appender, col.type, row[i]));
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }

  async setStatus(status: 'complete' | 'incomplete'): Promise<void> {
    const finished = status === 'complete' ? new Date().toISOString() : null;
    await this.connection.run('UPDATE manifest SET status = $1, finished_at = $2', [status, finished]);
  }

  async tableNames(): Promise<string[]> {
    const rows = (await this.connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`)).getRowsJS();
    return rows.map(([t]) => String(t));
  }

  /** Rows of a query as plain objects (BIGINT as number: counts and steps fit in doubles). */
  async query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
      return out;
    });
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function pickInfo(info: ManifestInfo): ManifestInfo {
  // Column order of the manifest table, whatever order the caller built the object in.
  return {
    powderkeg_version: info.powderkeg_version,
    kind: info.kind,
    experiment_file: info.experiment_file,
    experiment_hash: info.experiment_hash,
    scenario_file: info.scenario_file,
    scenario_hash: info.scenario_hash,
    model: info.model,
    seed: info.seed,
    experiment_json: info.experiment_json,
  };
}
