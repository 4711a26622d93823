import { z } from 'zod';
import { ANY_INDEX, ANY_KEY, formatPath, type Segment } from './field-path.js';

type JsonSchema = { [key: string]: unknown };

/**
 * Every leaf field path of a scenario schema, e.g. `grid.width`, `schedule[].at`, `regions.*.size`.
 * Read from the schema's JSON Schema form rather than zod internals, which change between
 * versions; unions contribute the paths of all their branches.
 */
export function schemaPaths(schema: z.ZodType): string[] {
  // Emitting the JSON Schema is most of what `validate` costs: once per schema is enough.
  let paths = known.get(schema);
  if (!paths) {
    const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const out = new Set<string>();
    walk(root, root, [], out, new Set());
    paths = [...out];
    known.set(schema, paths);
  }
  return [...paths];
}

const known = new WeakMap<z.ZodType, readonly string[]>();

function walk(node: JsonSchema, root: JsonSchema, at: Segment[], out: Set<string>, visiting: Set<JsonSchema>): void {
  if (visiting.has(node)) return; // recursive schemas: stop at the first repeat
  visiting.add(node);
  try {
    const ref = node.$ref;
    if (typeof ref === 'string') {
      const target = resolveRef(root, ref);
      if (target) walk(target, root, at, out, visiting);
      return;
    }
    let branched = false;
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) {
        for (const branch of list) walk(branch as JsonSchema, root, at, out, visiting);
        branched = true;
      }
    }
    const props = node.properties as Record<string, JsonSchema> | undefined;
    const extra = node.additionalProperties;
    const items = node.items;
    let inner = false;
    if (props && typeof props === 'object') {
      for (const [name, child] of Object.entries(props)) walk(child, root, [...at, name], out, visiting);
      inner = Object.keys(props).length > 0;
    }
    if (extra && typeof extra === 'object') {
      walk(extra as JsonSchema, root, [...at, ANY_KEY], out, visiting);
      inner = true;
    }
    if (items && typeof items === 'object' && !Array.isArray(items)) {
      walk(items as JsonSchema, root, [...at, ANY_INDEX], out, visiting);
      inner = true;
    }
    if (!inner && !branched && at.length > 0) out.add(formatPath(at));
  } finally {
    visiting.delete(node);
  }
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as JsonSchema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}
