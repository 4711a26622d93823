import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnType } from '../engine/model.js';
import { UserError } from '../errors.js';
import { writeProblem } from './atomic-write.js';
import { openDuckDb, type DuckDb } from './duckdb.js';
import { appendCell, columnList, quoteIdent, type SqlColumn } from './sql-types.js';
import { FACTORS, MANIFEST, runsTable, seriesTable, STORE_SCHEMA_VERSION, type StoreLayout, type StoreTable } from './tables.js';

export type { StoreLayout } from './tables.js';

/**
 * One DuckDB file per experiment: what was run (manifest), every run with its parameters and
 * summaries, optional per-step series, and the analyses' result tables. Runs are appended in
 * transactions as they finish, so a killed experiment loses at most the batch in flight and a
 * resumed one sees every committed run exactly once (run_id is the primary key).
 */

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
  /** The validated scenario as canonical JSON (what scenario_hash hashes); null in stores older than schema version 4. */
  readonly scenario_json?: string | null;
}

export interface Manifest extends ManifestInfo {
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly status: 'complete' | 'incomplete';
  readonly layout: StoreLayout;
  /** STORE_SCHEMA_VERSION of the powderkeg that made (or last migrated) the store. */
  readonly schema_version: number;
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

export class ExperimentStore {
  private seriesColumns: SqlColumn[] | null = null;

  private constructor(
    readonly path: string,
    private readonly db: DuckDb,
    readonly connection: DuckDBConnection,
    readonly layout: StoreLayout,
  ) {}

  /** A new store; the caller has checked that `path` does not exist. */
  static async create(path: string, info: ManifestInfo, layout: StoreLayout): Promise<ExperimentStore> {
    if (existsSync(path)) throw new Error(`${path} already exists`);
    await mkdir(dirname(path), { recursive: true }).catch((err: unknown) => {
      const reason = writeProblem(err);
      if (reason === undefined) throw err;
      throw new UserError({ file: path, message: `cannot create the store here: ${reason}` });
    });
    const db = await openDuckDb(path);
    const store = new ExperimentStore(path, db, db.connection, layout);
    try {
      const c = db.connection;
      await c.run(`CREATE TABLE manifest (${columnList(MANIFEST.columns)})`);
      await c.run(`CREATE TABLE factors (${columnList(FACTORS.columns)})`);
      await c.run(`CREATE TABLE runs (${columnList(runsTable(layout).columns)}, PRIMARY KEY (run_id))`);
      await store.appendRows(MANIFEST, [
        [...Object.values(pickInfo(info)), JSON.stringify(layout), new Date().toISOString(), null, 'incomplete', STORE_SCHEMA_VERSION, info.scenario_json ?? null],
      ]);
      await store.appendRows(
        FACTORS,
        layout.factors.map((f) => [f.name, f.path, f.type]),
      );
    } catch (err) {
      // A store that could not be set up (a full disk, say) is not left behind half made.
      store.close();
      await rm(path, { force: true });
      await rm(`${path}.wal`, { force: true });
      const reason = writeProblem(err);
      throw reason === undefined ? err : new UserError({ file: path, message: `cannot create the store here: ${reason}` });
    }
    return store;
  }

  /**
   * Opens a store for writing. Refuses (as a UserError) a file that is not an experiment store
   * and a store of another schema version, which `powderkeg migrate` can bring up to date.
   */
  static async open(path: string): Promise<ExperimentStore> {
    const db = await openDuckDb(path);
    try {
      const c = db.connection;
      const version = await readSchemaVersion(c, path);
      checkSchemaVersion(path, version);
      const rows = (await c.runAndReadAll('SELECT layout_json FROM manifest')).getRowObjectsJS();
      const store = new ExperimentStore(path, db, c, JSON.parse(String(rows[0].layout_json)) as StoreLayout);
      const tables = await store.tableNames();
      if (tables.includes('series')) {
        const cols = (await c.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'series' ORDER BY ordinal_position`)).getRowsJS();
        store.seriesColumns = cols.map(([name, type]) => ({ name: String(name), type: String(type) as SqlColumn['type'] }));
      }
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async manifest(): Promise<Manifest> {
    const row = (await this.connection.runAndReadAll('SELECT * FROM manifest')).getRowObjectsJS()[0];
    const { layout_json, seed, schema_version, ...rest } = row as Record<string, unknown>;
    return { ...(rest as unknown as Manifest), seed: Number(seed), schema_version: Number(schema_version), layout: JSON.parse(String(layout_json)) as StoreLayout };
  }

  private runColumns(): readonly SqlColumn[] {
    return runsTable(this.layout).columns;
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
    if (first?.series && !this.seriesColumns) {
      try {
        await this.createSeriesTable(first.series.columns, first.series.types);
      } catch (err) {
        throw this.writeError(err);
      }
    }
    const c = this.connection;
    await this.transaction(async () => {
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
    });
  }

  private async createSeriesTable(columns: readonly string[], types: readonly ColumnType[]): Promise<void> {
    const t = seriesTable(columns.map((name, i) => ({ name, type: types[i] })));
    await this.connection.run(`CREATE TABLE IF NOT EXISTS series (${columnList(t.columns)})`);
    this.seriesColumns = [...t.columns];
  }

  /** Replaces a catalogued result table (src/store/tables.ts) with these rows, in one transaction. */
  async writeTable(table: StoreTable, rows: Iterable<readonly unknown[]>): Promise<void> {
    await this.replaceTable(table.name, table.columns, rows);
  }

  /** Replaces a result table with these rows (one transaction: readers never see half of it); prefer writeTable. */
  async replaceTable(name: string, columns: readonly SqlColumn[], rows: Iterable<readonly unknown[]>): Promise<void> {
    await this.transaction(async () => {
      await this.connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columnList(columns)})`);
      await this.appendRows({ name, columns }, rows);
    });
  }

  /**
   * One transaction, rolled back on any error. A full disk or a lost permission becomes a
   * UserError naming the store: every write is a transaction, so what was committed before stays
   * and --resume goes on from there once the cause is fixed.
   */
  private async transaction(body: () => Promise<void>): Promise<void> {
    const c = this.connection;
    try {
      await c.run('BEGIN TRANSACTION');
      try {
        await body();
        await c.run('COMMIT');
      } catch (err) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } catch (err) {
      throw this.writeError(err);
    }
  }

  private writeError(err: unknown): unknown {
    const reason = err instanceof UserError ? undefined : writeProblem(err);
    if (reason === undefined) return err;
    return new UserError({
      file: this.path,
      message: `cannot write to the store: ${reason}; the runs committed before are kept (the write in progress was rolled back); fix that, then run the same command with --resume`,
    });
  }

  private async appendRows({ name, columns }: StoreTable, rows: Iterable<readonly unknown[]>): Promise<void> {
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
    await this.transaction(async () => {
      await this.connection.run('UPDATE manifest SET status = $1, finished_at = $2', [status, finished]);
    });
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
    this.db.close();
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

/** The store's schema version: 1 for stores made before the version was recorded. */
export async function readSchemaVersion(c: DuckDBConnection, path: string): Promise<number> {
  const cols = (await c.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = 'manifest' AND table_schema = 'main'`)).getRowsJS().map(([n]) => String(n));
  if (cols.length === 0) throw new UserError({ file: path, message: 'not a powderkeg experiment store (it has no manifest table)' });
  const count = Number((await c.runAndReadAll('SELECT count(*) FROM manifest')).getRowsJS()[0][0]);
  if (count !== 1) throw new UserError({ file: path, message: `not a valid experiment store (its manifest has ${count} rows, not one)` });
  if (!cols.includes('schema_version')) return 1;
  return Number((await c.runAndReadAll('SELECT schema_version FROM manifest')).getRowsJS()[0][0]);
}

/** A store of another schema version is refused with the way forward. */
export function checkSchemaVersion(path: string, version: number): void {
  if (version === STORE_SCHEMA_VERSION) return;
  if (version < STORE_SCHEMA_VERSION) {
    throw new UserError({
      file: path,
      message: `a store of schema version ${version}, but this powderkeg uses version ${STORE_SCHEMA_VERSION}; upgrade it with: powderkeg migrate ${JSON.stringify(path)}`,
    });
  }
  throw new UserError({
    file: path,
    message: `a store of schema version ${version}, made by a newer powderkeg (this one uses version ${STORE_SCHEMA_VERSION}); open it with that newer powderkeg`,
  });
}
