/** Reading and writing a value at a field path ["grid", "width"] of a plain document. */

export type DocPath = readonly string[];

export function getAt(doc: unknown, path: DocPath): unknown {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Sets (or, for undefined, deletes) the value, creating the groups above it as needed. */
export function setAt(doc: Record<string, unknown>, path: DocPath, value: unknown): void {
  let node = doc;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}
