import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { openDuckDb } from '../store/duckdb.js';
import { UserError } from '../errors.js';

const READERS: Record<string, string> = {
  '.csv': 'read_csv',
  '.jsonl': 'read_json',
  '.ndjson': 'read_json',
  '.parquet': 'read_parquet',
};

/**
 * One numeric column of a series file written by `run --out` (CSV, JSON Lines or Parquet), in
 * file order. DuckDB does the parsing, so quoting and types are handled as the writer meant.
 */
export async function readSeriesColumn(file: string, column: string, option = '--column'): Promise<Float64Array> {
  const reader = READERS[extname(file).toLowerCase()];
  if (!reader) throw new UserError({ file, message: `cannot read "${extname(file) || 'no extension'}" files; give a ${Object.keys(READERS).join(', ')} file` });
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) throw new UserError({ file, message: 'file not found' });
  if (!st.isFile()) throw new UserError({ file, message: 'not a file' });
  const db = await openDuckDb(':memory:', { threads: 1 });
  const conn = db.connection;
  try {
    const source = `${reader}(${sqlString(file)})`;
    let names: string[];
    try {
      names = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowsJS().map((r) => String(r[0]));
    } catch (err) {
      throw new UserError({ file, message: `cannot read this file as a series (${firstLine(err)})` });
    }
    if (!names.includes(column)) {
      throw new UserError({ file, path: option, message: `no column "${column}"; the columns are ${names.join(', ')}` });
    }
    const q = `"${column.replace(/"/g, '""')}"`;
    let rows: unknown[][];
    try {
      rows = (await conn.runAndReadAll(`SELECT TRY_CAST(${q} AS DOUBLE), ${q} FROM ${source}`)).getRowsJS();
    } catch (err) {
      throw new UserError({ file, message: `cannot read this file as a series (${firstLine(err)})` });
    }
    const values = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      if (r[0] === null) throw new UserError({ file, path: `${column} (row ${i + 1})`, message: `expected a number, found ${JSON.stringify(r[1])}` });
      values[i] = Number(r[0]);
    });
    return values;
  } finally {
    db.close();
  }
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
