import { existsSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { POWDERKEG_VERSION } from '../experiment/version.js';
import { UserError } from '../errors.js';
import { openDuckDb, type DuckDb } from '../store/duckdb.js';
import { checkSchemaVersion, readSchemaVersion } from '../store/experiment-store.js';
import { MANIFEST } from '../store/tables.js';

/** A store opened read-only for reporting, with rows as plain objects (BIGINT as number). */
export interface ReadOnlyStore {
  readonly path: string;
  readonly tables: ReadonlySet<string>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  columns(table: string): Promise<string[]>;
  close(): void;
}

const MANIFEST_COLUMNS = MANIFEST.columns.map((c) => c.name);

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
  const db = await openDuckDb(path, { readOnly: true });
  const store = wrap(path, db, new Set());
  try {
    const tables = new Set((await store.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).map((r) => String(r.table_name)));
    if (!tables.has('manifest') || !tables.has('runs')) fail('not a powderkeg experiment store (it has no manifest and runs tables)');
    checkSchemaVersion(path, await readSchemaVersion(db.connection, path));
    const columns = await store.columns('manifest');
    const missing = MANIFEST_COLUMNS.filter((c) => !columns.includes(c));
    if (missing.length > 0) fail(`an experiment store of an incompatible layout (its manifest lacks ${missing.join(', ')}); re-run the experiment with powderkeg ${POWDERKEG_VERSION}`);
    const rows = await store.query('SELECT powderkeg_version FROM manifest');
    if (rows.length !== 1) fail(`not a valid experiment store (its manifest has ${rows.length} rows, not one)`);
    const version = String(rows[0].powderkeg_version);
    if (version !== POWDERKEG_VERSION) {
      fail(`made by powderkeg ${version}, but this is powderkeg ${POWDERKEG_VERSION}: re-run the experiment with this version, or report it with powderkeg ${version}`);
    }
    return wrap(path, db, tables);
  } catch (err) {
    store.close();
    throw err;
  }
}

function wrap(path: string, db: DuckDb, tables: ReadonlySet<string>): ReadOnlyStore {
  const connection: DuckDBConnection = db.connection;
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
      db.close();
    },
  };
}
