/**
 * What changed between two JSON values, field by field, so that a refusal can say which values
 * differ instead of only that something does. Browser-safe: no Node imports.
 */

export interface JsonChange {
  /** Dotted path as the schema's errors name fields, e.g. "factors[0].levels"; "" for the whole value. */
  readonly path: string;
  /** Absent (undefined) when the field was added. */
  readonly before?: unknown;
  /** Absent (undefined) when the field was removed. */
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonChanges(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(...jsonChanges(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => jsonChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

function shown(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function describeChange(c: JsonChange): string {
  const where = c.path || '(the whole value)';
  if (c.before === undefined) return `${where} added (${shown(c.after)})`;
  if (c.after === undefined) return `${where} removed (was ${shown(c.before)})`;
  return `${where} was ${shown(c.before)}, is now ${shown(c.after)}`;
}

/** The changes on one line, the first `limit` named and the rest counted. */
export function describeChanges(changes: readonly JsonChange[], limit = 6): string {
  const named = changes.slice(0, limit).map(describeChange).join('; ');
  const more = changes.length - limit;
  return more > 0 ? `${named} (and ${more} more)` : named;
}
