import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeAtomic, writeProblem } from './atomic-write.js';
import { openDuckDb } from './duckdb.js';
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
  const db = await openDuckDb(dbPath, { readOnly: true });
  const connection = db.connection;
  const written: string[] = [];
  try {
    const all = (await connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name`))
      .getRowsJS()
      .map(([t]) => String(t));
    const tables = options.tables ?? all;
    const unknown = tables.filter((t) => !all.includes(t));
    if (unknown.length > 0)
      throw new UserError(unknown.map((t) => ({ file: dbPath, path: '--table', message: `no table "${t}"; the store has ${all.join(', ')}` })));
    await mkdir(options.outDir, { recursive: true }).catch((err: unknown) => {
      const reason = writeProblem(err);
      if (reason === undefined) throw err;
      throw new UserError({ file: options.outDir, path: '--out', message: `cannot create this directory: ${reason}` });
    });
    for (const table of tables) {
      const target = resolve(join(options.outDir, `${table}.${options.format}`));
      const format = options.format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet';
      await writeAtomic(target, async (temp) => {
        await connection.run(`COPY (SELECT * FROM ${quoteIdent(table)} ${ORDER[table] ?? ''}) TO '${temp.replace(/'/g, "''")}' (${format})`);
      });
      written.push(target);
    }
  } finally {
    db.close();
  }
  return written;
}
