import type { DuckDBAppender } from '@duckdb/node-api';

/** The column types the experiment store uses, and how a JavaScript value is appended as each. */
export type SqlType = 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';

export interface SqlColumn {
  readonly name: string;
  readonly type: SqlType;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function columnList(columns: readonly SqlColumn[]): string {
  return columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
}

/** Appends one cell; null, undefined and NaN become SQL NULL. */
export function appendCell(appender: DuckDBAppender, type: SqlType, value: unknown): void {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case 'BIGINT':
      appender.appendBigInt(typeof value === 'bigint' ? value : BigInt(Math.round(Number(value))));
      return;
    case 'DOUBLE':
      appender.appendDouble(Number(value));
      return;
    case 'BOOLEAN':
      appender.appendBoolean(Boolean(value));
      return;
    case 'VARCHAR':
      appender.appendVarchar(String(value));
      return;
  }
}
