import { existsSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { openDuckDb } from './duckdb.js';
import { readSchemaVersion } from './experiment-store.js';
import { ATTRIBUTION, MANIFEST, STORE_SCHEMA_VERSION, type StoreTable } from './tables.js';
import { quoteIdent } from './sql-types.js';
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The steps that bring a store from one schema version to the next, each in one transaction
 * with the version bump, so a store is never left between two versions. Add one entry when
 * STORE_SCHEMA_VERSION goes up.
 */
const STEPS: Record<number, { readonly what: string; run(c: DuckDBConnection): Promise<void> }> = {
  // Version 1 (before the version was recorded) had no manifest.schema_version column.
  1: {
    what: 'record the schema version in the manifest',
    run: async (c) => {
      await c.run('ALTER TABLE manifest ADD COLUMN schema_version BIGINT');
    },
  },
  // Version 3 added the precision columns of the attribution table (null for older rows).
  2: {
    what: 'add the attribution precision columns (empty for runs made before them)',
    run: (c) => addMissingColumns(c, ATTRIBUTION),
  },
  // Version 4 keeps the scenario in the manifest; older stores never recorded it (null).
  3: {
    what: 'add the manifest\'s scenario_json column (empty for stores made before it)',
    run: (c) => addMissingColumns(c, MANIFEST),
  },
};

async function addMissingColumns(c: DuckDBConnection, t: StoreTable): Promise<void> {
  const have = (await c.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = '${t.name}' AND table_schema = 'main'`)).getRowsJS().map(([n]) => String(n));
  if (have.length === 0) return;
  for (const col of t.columns) if (!have.includes(col.name)) await c.run(`ALTER TABLE ${quoteIdent(t.name)} ADD COLUMN ${quoteIdent(col.name)} ${col.type}`);
}

export interface MigrateOutcome {
  readonly db: string;
  readonly from: number;
  readonly to: number;
  readonly steps: readonly string[];
}

/** Upgrades a store in place to STORE_SCHEMA_VERSION; a store already there is left untouched. */
export async function migrateStore(path: string): Promise<MigrateOutcome> {
  if (!existsSync(path)) throw new UserError({ file: path, message: 'file not found' });
  if (statSync(path).isDirectory()) throw new UserError({ file: path, message: 'this is a directory, not an experiment store' });
  const db = await openDuckDb(path);
  try {
    const c = db.connection;
    const from = await readSchemaVersion(c, path);
    if (from > STORE_SCHEMA_VERSION) {
      throw new UserError({ file: path, message: `a store of schema version ${from}, newer than this powderkeg (version ${STORE_SCHEMA_VERSION}); use the newer powderkeg` });
    }
    const done: string[] = [];
    for (let v = from; v < STORE_SCHEMA_VERSION; v++) {
      const step = STEPS[v];
      await c.run('BEGIN TRANSACTION');
      try {
        await step.run(c);
        await c.run(`UPDATE manifest SET schema_version = ${v + 1}`);
        await c.run('COMMIT');
      } catch (err) {
        await c.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
      done.push(`${v} -> ${v + 1}: ${step.what}`);
    }
    return { db: path, from, to: STORE_SCHEMA_VERSION, steps: done };
  } finally {
    db.close();
  }
}
