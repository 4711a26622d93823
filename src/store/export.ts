import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { UserError } from '../scenario/errors.js';
import { quoteIdent } from './sql-types.js';

export type ExportFormat = 'csv' | 'parquet';

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Tables to export (default: all). */
  readonly tables?: readonly string[];
  /** Output directory (default: next to the store). */
  readonly outDir: string;
}

// Runs finish in any order; sorting by design row and replicate makes exports independent of it.
const ORDER: Record<string, string> = {
  runs: 'ORDER BY "row", replicate',
  series: 'ORDER BY "row", replicate, step',
};

/** Writes each table to `<outDir>/<table>.<format>` (atomically: temp file, then rename). */
export async function exportStore(dbPath: string, options: ExportOptions): Promise<string[]> {
  if (!existsSync(dbPath)) throw new UserError({ file: dbPath, message: 'no such store' });
  const instance = await openReadOnly(dbPath);
  const connection = await instance.connect();
  const written: string[] = [];
  try {
    const all = (await connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`))
      .getRowsJS()
      .map(([t]) => String(t));
    const tables = options.tables ?? all;
    const unknown = tables.filter((t) => !all.includes(t));
    if (unknown.length > 0)
      throw new UserError(unknown.map((t) => ({ file: dbPath, path: '--table', message: `no table "${t}"; the store has ${all.join(', ')}` })));
    await mkdir(options.outDir, { recursive: true });
    for (const table of tables) {
      const target = resolve(join(options.outDir, `${table}.${options.format}`));
      const temp = `${target}.tmp-${process.pid}`;
      const format = options.format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
      try {
        await connection.run(`COPY (SELECT * FROM ${quoteIdent(table)} ${ORDER[table] ?? ''}) TO '${temp.replace(/'/g, "''")}' (${format})`);
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      written.push(target);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return written;
}

async function openReadOnly(dbPath: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(dbPath, { access_mode: 'READ_ONLY' });
  } catch (err) {
    const message = (err as Error).message;
    if (/lock/i.test(message)) throw new UserError({ file: dbPath, message: 'the store is in use by another process (an experiment still running?); try again when it has finished' });
    throw new UserError({ file: dbPath, message: `cannot open the store: ${message.split('\n')[0]}` });
  }
}
