import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { formatBytes, LIMITS } from './limits.js';

export interface ReadInputOptions {
  /** Largest file accepted (default: LIMITS.inputFileBytes). */
  readonly maxBytes?: number;
}

/**
 * Reads a file the user named, as UTF-8 text. Everything that can be wrong with it is the
 * user's problem, said in one line: missing, unreadable, a directory, a FIFO or device (which
 * would block or never end), larger than the limit, or not UTF-8 (with the byte offset and
 * line of the first bad byte).
 */
export function readInputFile(file: string, options: ReadInputOptions = {}): string {
  const maxBytes = options.maxBytes ?? LIMITS.inputFileBytes;
  const fail = (message: string): never => {
    throw new UserError({ file, message });
  };
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) fail('this is a directory, not a file; give the file inside it');
    if (!st.isFile()) fail('not a regular file (a FIFO, socket or device); give an ordinary file');
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    return fail(openProblem(err));
  }
  if (size > maxBytes) fail(`the file has ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} an input file may have; is it the right file?`);
  const bytes = readAtMost(file, maxBytes + 1, fail);
  if (bytes.length > maxBytes) fail(`the file has more than the ${formatBytes(maxBytes)} an input file may have; is it the right file?`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const line = countLines(bytes, bad);
    fail(
      `not UTF-8 text: byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')} at offset ${bad} (line ${line}) is not valid UTF-8; save the file as UTF-8`,
    );
  }
  // A byte-order mark is legal UTF-8 but not part of the text.
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function openProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'ENOTDIR') return 'file not found (a parent of this path is a file, not a directory)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many symbolic links (a link loop?)';
  if (code === 'ENAMETOOLONG') return 'the file name is too long';
  return `cannot read the file (${(err as Error).message.split('\n')[0]})`;
}

/** Reads up to `limit` bytes; the size can change between stat and read (a growing file). */
function readAtMost(file: string, limit: number, fail: (m: string) => never): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    return fail(openProblem(err));
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    return fail(openProblem(err));
  } finally {
    closeSync(fd);
  }
}

/** Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need > n - 1) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

function countLines(b: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (b[i] === 0x0a) line++;
  return line;
}
