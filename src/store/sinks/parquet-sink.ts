import { rmSync } from 'node:fs';
import type { Cell, Column, ColumnType } from '../../engine/model.js';
import type { RowSink } from '../../engine/recorder.js';
import { tempPathFor, writeAtomic } from '../atomic-write.js';
import { openDuckDb } from '../duckdb.js';
import { CsvSink } from './csv-sink.js';

const SQL_TYPES: Record<ColumnType, string> = { int: 'BIGINT', float: 'DOUBLE', string: 'VARCHAR' };

/**
 * Parquet needs the whole table at once, so rows stream to a temporary CSV first and DuckDB
 * converts it on close, with the column types stated (no type guessing, so an integer column
 * that happens to hold only zeros is still BIGINT). One thread keeps the bytes reproducible.
 */
export class ParquetSink implements RowSink {
  private readonly tempPath: string;
  private readonly csv: CsvSink;
  private columns: readonly Column[] = [];

  constructor(readonly path: string) {
    this.tempPath = tempPathFor(path);
    this.csv = new CsvSink(path, `${this.tempPath}.csv`);
  }

  open(columns: readonly Column[]): void {
    this.columns = columns;
    this.csv.open(columns);
  }

  write(row: readonly Cell[]): void {
    this.csv.write(row);
  }

  async close(): Promise<void> {
    const csvPath = this.csv.finishTemporary();
    try {
      await writeAtomic(this.path, (temp) => convertCsvToParquet(csvPath, temp, this.columns), this.tempPath);
    } finally {
      rmSync(csvPath, { force: true });
    }
  }

  abort(): void {
    this.csv.abort();
    rmSync(this.tempPath, { force: true });
  }
}

async function convertCsvToParquet(csvPath: string, parquetPath: string, columns: readonly Column[]): Promise<void> {
  const types = columns.map((c) => `${sqlString(c.name)}: ${sqlString(SQL_TYPES[c.type])}`).join(', ');
  const sql =
    `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, auto_detect = false, delim = ',', ` +
    `quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${types}})) ` +
    `TO ${sqlString(parquetPath)} (FORMAT parquet)`;
  const db = await openDuckDb(':memory:', { threads: 1 });
  try {
    await db.connection.run(sql);
  } finally {
    db.close();
  }
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
