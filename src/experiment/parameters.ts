import { parsePath, type Segment } from '../scenario/field-path.js';

/**
 * Writes values into a copy of a scenario at dotted paths (`cops.density`, `schedule[1].at`).
 * Only the objects along each path are copied: the base scenario is shared by every run.
 */
export function applyParameters(base: unknown, values: Readonly<Record<string, unknown>>): unknown {
  let root = base;
  for (const [path, value] of Object.entries(values)) {
    const segments = parsePath(path);
    if (!segments) throw new Error(`malformed scenario path "${path}"`);
    root = setAt(root, segments, 0, value);
  }
  return root;
}

function setAt(node: unknown, segments: readonly Segment[], i: number, value: unknown): unknown {
  if (i === segments.length) return value;
  const key = segments[i];
  if (typeof key === 'number') {
    const arr = Array.isArray(node) ? node.slice() : [];
    arr[key] = setAt(arr[key], segments, i + 1, value);
    return arr;
  }
  const obj: Record<string, unknown> = node && typeof node === 'object' && !Array.isArray(node) ? { ...(node as Record<string, unknown>) } : {};
  obj[key] = setAt(obj[key], segments, i + 1, value);
  return obj;
}
