import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { HttpError } from './http-error.js';

/**
 * Percent-encoded separators and dots are refused outright: no store id or asset needs them,
 * and decoding them late is how `..%2F..` slips past a check made on the decoded path.
 */
const ENCODED_TRICKS = /%(2f|5c|2e|00)/i;

export function checkRawUrl(url: string): void {
  const path = url.split('?')[0];
  if (ENCODED_TRICKS.test(path)) throw new HttpError(400, 'bad-path', 'encoded "/", "\\", "." or NUL are not allowed in a path');
}

/** A relative path of plain segments: no "..", ".", empty segments, backslashes, NUL or leading "/". */
export function checkRelativePath(id: string, what = 'path'): void {
  const bad = (why: string): never => {
    throw new HttpError(400, 'bad-path', `${what} "${id.slice(0, 200)}" ${why}`);
  };
  if (id.length === 0) bad('is empty');
  if (id.length > 1000) bad('is too long');
  if (id.includes('\0') || id.includes('\\')) bad('contains NUL or a backslash');
  if (isAbsolute(id) || id.startsWith('/')) bad('is absolute; give a path relative to the served folder');
  for (const segment of id.split('/')) {
    if (segment === '..' || segment === '.' || segment === '') bad('has an empty, "." or ".." segment');
  }
}

/**
 * The real path of `id` inside `root` (itself a real path), after symlinks: a link that leads out
 * of the folder is treated as absent, so that nothing outside is even confirmed to exist.
 */
export async function confinedFile(root: string, id: string, what = 'path'): Promise<string> {
  checkRelativePath(id, what);
  let real: string;
  try {
    real = await realpath(join(root, id));
  } catch {
    throw new HttpError(404, 'not-found', `no ${what} "${id}" in the served folder`);
  }
  if (!isInside(root, real) || !(await stat(real)).isFile()) throw new HttpError(404, 'not-found', `no ${what} "${id}" in the served folder`);
  return real;
}

export function isInside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
