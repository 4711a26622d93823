import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Every file powderkeg writes appears under its final name only when complete: it is written
 * to `<target>.tmp-<pid>` and renamed (atomic within a directory), or the temporary file is
 * removed. So a crash, a Ctrl-C or a full disk never leaves half a CSV, report or store under
 * the name the user asked for.
 */

export function tempPathFor(target: string): string {
  return `${target}.tmp-${process.pid}`;
}

// Temporary files alive right now: removed even when the process exits in the middle (a second
// Ctrl-C, process.exit), since an 'exit' listener runs synchronously on every way out but a kill -9.
const liveTemps = new Set<string>();
let exitHook = false;

/** Removes `path` (and a DuckDB `.wal` beside it) if the process exits before `release()`. */
export function removeOnExit(path: string): () => void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of liveTemps) {
        rmSync(p, { force: true });
        rmSync(`${p}.wal`, { force: true });
      }
    });
  }
  liveTemps.add(path);
  return () => liveTemps.delete(path);
}

/** Why a file could not be written, in terms a user can act on; undefined for a bug. */
export function writeProblem(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'the directory does not exist';
    case 'ENOTDIR':
    case 'EEXIST': // mkdir -p over a regular file
      return 'a parent of this path is a file, not a directory';
    case 'EISDIR':
      return 'this is a directory; give a file name';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    default:
      return problemInMessage(err);
  }
}

// DuckDB reports a failed COPY ... TO, or a commit it could not write, as text without an errno code.
const MESSAGE_PROBLEMS: [RegExp, string][] = [
  [/Permission denied/i, 'permission denied'],
  [/No space left on device|Disk quota exceeded/i, 'the disk is full'],
  [/Read-only file system/i, 'the file system is read-only'],
  [/Not a directory/i, 'a parent of this path is a file, not a directory'],
  [/Is a directory/i, 'this is a directory; give a file name'],
  [/No such file or directory/i, 'the directory does not exist'],
];

function problemInMessage(err: unknown): string | undefined {
  if (!(err instanceof Error) || !/IO Error|Could not write file/i.test(err.message)) return undefined;
  return MESSAGE_PROBLEMS.find(([re]) => re.test(err.message))?.[1];
}

function asUserError(target: string, err: unknown): unknown {
  const reason = writeProblem(err);
  return reason === undefined ? err : new UserError({ file: target, message: `cannot write this file: ${reason}` });
}

/**
 * Runs `write(temp)` and then renames `temp` to `target`; on any failure the temporary file is
 * removed and file-system errors become a UserError naming the target. `write` may also be
 * done by another program (DuckDB's COPY ... TO temp).
 */
export async function writeAtomic(target: string, write: (temp: string) => Promise<void> | void, temp = tempPathFor(target)): Promise<void> {
  const release = removeOnExit(temp);
  try {
    await write(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true, recursive: false }).catch(() => undefined);
    throw asUserError(target, err);
  } finally {
    release();
  }
}

/** Writes a whole file atomically, creating its directory if needed. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (err) {
    throw asUserError(path, err);
  }
  await writeAtomic(path, (tmp) => writeFile(tmp, data));
}

const FLUSH_AT = 1 << 16;

/**
 * The streaming form, for files written row by row: text goes to the temporary file through a
 * small buffer (so memory stays flat however long the run) and the file is renamed on commit
 * or deleted on abort.
 */
export class AtomicFile {
  readonly tempPath: string;
  private fd: number | undefined;
  private buffer = '';
  private readonly release: () => void;

  constructor(readonly target: string, tempPath = tempPathFor(target)) {
    this.tempPath = tempPath;
    try {
      this.fd = openSync(tempPath, 'w');
    } catch (err) {
      throw asUserError(target, err);
    }
    this.release = removeOnExit(tempPath);
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.fd === undefined || this.buffer === '') return;
    const bytes = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      this.abort();
      throw asUserError(this.target, err);
    }
  }

  /** Flushes and closes, leaving the complete file at `tempPath` (for formats converted later). */
  finish(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
    } finally {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
    }
  }

  commit(): void {
    try {
      this.finish();
      renameSync(this.tempPath, this.target);
      this.release();
    } catch (err) {
      rmSync(this.tempPath, { force: true });
      throw asUserError(this.target, err);
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      this.buffer = '';
      closeSync(this.fd);
      this.fd = undefined;
    }
    rmSync(this.tempPath, { force: true });
    this.release();
  }
}

/** Removes a DuckDB store and its write-ahead log; a stale log beside a new store would be replayed into it. */
export async function removeStoreFiles(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

/**
 * A whole DuckDB store built under a temporary name: `build(temp)` creates, fills and closes it,
 * and only then does it replace `target`. On any failure, or an exit in the middle, the
 * temporary store goes and `target` is untouched.
 */
export async function buildStoreAtomic<T>(target: string, build: (temp: string) => Promise<T>, temp = tempPathFor(target)): Promise<T> {
  await removeStoreFiles(temp);
  const release = removeOnExit(temp);
  try {
    const out = await build(temp);
    await rm(`${temp}.wal`, { force: true });
    await removeStoreFiles(target);
    await rename(temp, target);
    return out;
  } catch (err) {
    await removeStoreFiles(temp);
    throw err;
  } finally {
    release();
  }
}
