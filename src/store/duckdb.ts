import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UserError } from '../errors.js';

/** An open DuckDB database and its one connection. */
export interface DuckDb {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenDuckDbOptions {
  /** Open an existing file for reading only (several readers may share it). */
  readonly readOnly?: boolean;
  /** Threads DuckDB may use; 1 keeps conversions byte-reproducible. */
  readonly threads?: number;
}

/**
 * The one place powderkeg opens DuckDB. `path` is a file or ':memory:'. Whatever goes wrong with
 * a file becomes a UserError saying why in the user's terms (in use, not a database, cannot be
 * created there), since each of these is about the path the user gave, not a bug.
 */
export async function openDuckDb(path: string, options: OpenDuckDbOptions = {}): Promise<DuckDb> {
  const config: Record<string, string> = {};
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  if (options.threads !== undefined) config.threads = String(options.threads);
  let instance: DuckDBInstance;
  // Loaded on first use, not at start-up: `powderkeg run` without a Parquet output never needs it.
  const duckdb = await import('@duckdb/node-api');
  try {
    instance = await duckdb.DuckDBInstance.create(path, config);
  } catch (err) {
    throw new UserError({ file: path, message: duckDbOpenProblem(err) });
  }
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
  } catch (err) {
    instance.closeSync();
    throw err;
  }
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** DuckDB's reason for not opening a file, as a user can act on it. */
export function duckDbOpenProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) return 'the store is in use by another process (is an experiment still running on it?); wait for it to finish, or choose another file with --db';
  if (/not a valid DuckDB database/i.test(message)) return 'not a powderkeg experiment store (not a DuckDB database); give the .duckdb file an experiment wrote';
  if (/database does not exist/i.test(message)) return 'file not found';
  if (/Is a directory/i.test(message)) return 'this is a directory, not a store file; give a file name';
  if (/Not a directory/i.test(message)) return 'a parent of this path is a file, not a directory; choose another path';
  if (/Permission denied/i.test(message)) return 'permission denied; choose a directory you can write to';
  if (/Read-only file system/i.test(message)) return 'the file system is read-only; choose another directory';
  if (/No space left/i.test(message)) return 'the disk is full; free some space or choose another directory';
  if (/No such file or directory/i.test(message)) return 'cannot create a file here (the directory does not exist or does not take files); choose another path';
  return `cannot open the store: ${message.split('\n')[0]}`;
}
