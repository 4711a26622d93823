import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { UserError } from '../../scenario/errors.js';

const FLUSH_AT = 1 << 16;

/**
 * A file that appears under its final name only when complete: text goes to
 * `<target>.tmp-<pid>` through a small buffer (so memory stays flat however long the run) and
 * the file is renamed on commit or deleted on abort.
 */
export class AtomicFile {
  readonly tempPath: string;
  private fd: number | undefined;
  private buffer = '';

  constructor(readonly target: string, tempPath = `${target}.tmp-${process.pid}`) {
    this.tempPath = tempPath;
    this.fd = openForWriting(target, tempPath);
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
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
  }

  /** Flushes and closes, leaving the complete file at `tempPath` (for formats converted later). */
  finish(): void {
    if (this.fd === undefined) return;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  commit(): void {
    this.finish();
    renameSync(this.tempPath, this.target);
  }

  abort(): void {
    if (this.fd !== undefined) {
      this.buffer = '';
      closeSync(this.fd);
      this.fd = undefined;
    }
    rmSync(this.tempPath, { force: true });
  }
}

/** A place the user cannot write to is their problem to fix, not a crash. */
function openForWriting(target: string, tempPath: string): number {
  try {
    return openSync(tempPath, 'w');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
      code === 'ENOENT' ? 'the directory does not exist' :
      code === 'EROFS' ? 'the file system is read-only' :
      code === 'ENOSPC' ? 'the disk is full' :
      (err as Error).message;
    throw new UserError({ file: target, message: `cannot write this file: ${reason}` });
  }
}
