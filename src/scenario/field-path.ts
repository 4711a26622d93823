/**
 * Field paths as users see them: `grid.width`, `schedule[1].at`. Schema paths use `[]` for "any
 * index" and `*` for "any key" of a map, so one pattern stands for every concrete path under it.
 */

export type Segment = string | number;

export const ANY_INDEX = '[]';
export const ANY_KEY = '*';

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s === ANY_INDEX) out += '[]';
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/** Splits `a.b[2].c` into ["a", "b", 2, "c"]; returns undefined for malformed text. */
export function parsePath(text: string): Segment[] | undefined {
  const segments: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d*)\]|(\.)/gy;
  let expectKey = true;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m) return undefined;
    pos = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectKey) return undefined;
      segments.push(m[1]);
      expectKey = false;
    } else if (m[2] !== undefined) {
      if (segments.length === 0 || expectKey) return undefined;
      segments.push(m[2] === '' ? ANY_INDEX : Number(m[2]));
    } else {
      if (expectKey) return undefined;
      expectKey = true;
    }
  }
  return segments.length > 0 && !expectKey ? segments : undefined;
}

/** Replaces concrete indices by `[]` so that a concrete path can be compared with schema paths. */
export function patternOf(segments: readonly Segment[]): Segment[] {
  return segments.map((s) => (typeof s === 'number' ? ANY_INDEX : s));
}

/** True when `path` is `pattern` or lies above it (a prefix), with `*` matching any key. */
export function isPrefixOfPattern(path: readonly Segment[], pattern: readonly Segment[]): boolean {
  if (path.length > pattern.length) return false;
  for (let i = 0; i < path.length; i++) {
    const p = pattern[i];
    const s = path[i];
    if (p === ANY_INDEX) {
      if (typeof s !== 'number' && s !== ANY_INDEX) return false;
    } else if (p === ANY_KEY) {
      if (typeof s === 'number') return false;
    } else if (p !== s) return false;
  }
  return true;
}
