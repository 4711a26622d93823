/**
 * JSON with object keys sorted at every level, so that equal scenarios give equal text (and
 * equal hashes) whatever order their YAML was written in. JSON has no infinities, and `.inf`
 * is a meaningful scenario value (e.g. a life sentence), so non-finite numbers are written as
 * the strings "Infinity", "-Infinity" and "NaN" instead of collapsing to null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value} in a scenario`);
}
