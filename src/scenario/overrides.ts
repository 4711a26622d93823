import YAML from 'yaml';
import type { Problem } from '../errors.js';
import { formatPath, isPrefixOfPattern, parsePath, type Segment } from './field-path.js';
import { nearestPath } from './nearest.js';

export interface Override {
  readonly text: string;
  readonly path: Segment[];
  readonly value: unknown;
}

/**
 * Parses `path=value` arguments of `--set`. The value is read as YAML, so `200` is a number,
 * `.inf` is infinity, `mesa` is text and `[1, 2]` is a list, exactly as in a scenario file.
 */
export function parseOverrides(args: readonly string[], file?: string): { overrides: Override[]; problems: Problem[] } {
  const overrides: Override[] = [];
  const problems: Problem[] = [];
  for (const text of args) {
    const eq = text.indexOf('=');
    const path = eq > 0 ? parsePath(text.slice(0, eq).trim()) : undefined;
    if (!path) {
      problems.push({ file, path: '--set', message: `"${text}" is not of the form path=value (e.g. grid.width=200)` });
      continue;
    }
    try {
      overrides.push({ text, path, value: YAML.parse(text.slice(eq + 1)) });
    } catch (err) {
      problems.push({ file, path: formatPath(path), message: `--set ${text}: the value is not valid YAML (${firstLine(err)})` });
    }
  }
  return { overrides, problems };
}

/**
 * Applies overrides to a plain document (a deep copy is modified, the input is untouched).
 * A path must be a field of the schema (or a group above fields); otherwise the problem names
 * the nearest valid path.
 */
export function applyOverrides(
  doc: unknown,
  overrides: readonly Override[],
  validPaths: readonly string[],
  file?: string,
): { doc: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const patterns = validPaths.map((p) => parsePath(p)).filter((p): p is Segment[] => p !== undefined);
  let result: unknown = structuredClone(doc ?? {});
  for (const o of overrides) {
    const shown = formatPath(o.path);
    if (!patterns.some((pattern) => isPrefixOfPattern(o.path, pattern))) {
      const guess = nearestPath(shown, validPaths);
      problems.push({
        file,
        path: shown,
        message: `--set ${o.text}: no such field${guess ? `; did you mean "${guess}"?` : ''}`,
      });
      continue;
    }
    result = setAt(result, o.path, o.value);
  }
  return { doc: result, problems };
}

function setAt(root: unknown, path: readonly Segment[], value: unknown): unknown {
  const top = isContainer(root) ? root : {};
  let node = top as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    let next = node[key];
    if (!isContainer(next)) {
      next = typeof path[i + 1] === 'number' ? [] : {};
      node[key] = next;
    }
    node = next as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return top;
}

function isContainer(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
