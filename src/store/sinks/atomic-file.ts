import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

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
    this.fd = openSync(tempPath, 'w');
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
