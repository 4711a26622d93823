/**
 * The fields where an edited scenario differs from the file it came from, as the `set:` entries
 * (dotted path: value) of an experiment, so the saved experiment names the file and the edits.
 * Lists of another length are set whole.
 */
export function scenarioEdits(base: unknown, edited: unknown, path = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (Array.isArray(base) && Array.isArray(edited) && base.length === edited.length) {
    edited.forEach((v, i) => scenarioEdits(base[i], v, `${path}[${i}]`, out));
  } else if (isObject(base) && isObject(edited)) {
    for (const key of Object.keys(edited)) scenarioEdits(base[key], edited[key], path === '' ? key : `${path}.${key}`, out);
  } else if (edited !== undefined && JSON.stringify(base) !== JSON.stringify(edited)) {
    out[path] = edited;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Numeric fields of a scenario outside lists, as dotted paths: what a sweep may vary. */
export function numericPaths(doc: unknown, path = ''): { path: string; value: number }[] {
  if (typeof doc === 'number' && Number.isFinite(doc) && path !== '') return [{ path, value: doc }];
  if (!isObject(doc)) return [];
  return Object.entries(doc).flatMap(([k, v]) => numericPaths(v, path === '' ? k : `${path}.${k}`));
}
