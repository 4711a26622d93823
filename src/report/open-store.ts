import { existsSync, statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { POWDERKEG_VERSION } from '../experiment/version.js';
import { UserError } from '../scenario/errors.js';

/** A store opened read-only for reporting, with rows as plain objects (BIGINT as number). */
export interface ReadOnlyStore {
  readonly path: string;
  readonly tables: ReadonlySet<string>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  columns(table: string): Promise<string[]>;
  close(): void;
}

const MANIFEST_COLUMNS = ['powderkeg_version', 'kind', 'model', 'seed', 'experiment_json', 'layout_json', 'started_at', 'finished_at', 'status'];

/**
 * Opens an experiment store for the report, or explains why this file is not one: missing,
 * not a DuckDB database, in use by a running experiment, no manifest, or written by another
 * powderkeg version (whose tables the report cannot be sure to read right).
 */
export async function openStoreForReport(path: string): Promise<ReadOnlyStore> {
  const fail = (message: string): never => {
    throw new UserError({ file: path, message });
  };
  if (!existsSync(path)) fail('file not found');
  if (statSync(path).isDirectory()) fail('this is a directory, not an experiment store');
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (err) {
    const msg = (err as Error).message;
    if (/lock/i.test(msg)) fail('the store is in use by another process (is the experiment still running?)');
    return fail('not a powderkeg experiment store (not a DuckDB database)');
  }
  const connection = await instance.connect();
  const store = wrap(path, instance, connection, new Set());
  try {
    const tables = new Set((await store.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).map((r) => String(r.table_name)));
    if (!tables.has('manifest') || !tables.has('runs')) fail('not a powderkeg experiment store (it has no manifest and runs tables)');
    const columns = await store.columns('manifest');
    const missing = MANIFEST_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) fail(`an experiment store of an incompatible layout (its manifest lacks ${missing.join(', ')}); re-run the experiment with powderkeg ${POWDERKEG_VERSION}`);
    const rows = await store.query('SELECT powderkeg_version FROM manifest');
    if (rows.length !== 1) fail(`not a valid experiment store (its manifest has ${rows.length} rows, not one)`);
    const version = String(rows[0].powderkeg_version);
    if (version !== POWDERKEG_VERSION) {
      fail(`made by powderkeg ${version}, but this is powderkeg ${POWDERKEG_VERSION}: re-run the experiment with this version, or report it with powderkeg ${version}`);
    }
    return wrap(path, instance, connection, tables);
  } catch (err) {
    store.close();
    throw err;
  }
}

function wrap(path: string, instance: DuckDBInstance, connection: DuckDBConnection, tables: ReadonlySet<string>): ReadOnlyStore {
  const query = async (sql: string) => {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
      return out;
    });
  };
  return {
    path,
    tables,
    query,
    async columns(table) {
      const rows = await query(`SELECT column_name FROM information_schema.columns WHERE table_name = '${table.replace(/'/g, "''")}' ORDER BY ordinal_position`);
      return rows.map((r) => String(r.column_name));
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
