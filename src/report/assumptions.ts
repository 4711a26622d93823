import type { ParameterRow } from './report-data.js';

type Json = Record<string, unknown>;

/** A JSON Schema document, as the store keeps the model's scenario schema (model_meta). */
export type JsonSchema = Json;

/**
 * The scenario's parameters with their units and sources: the model's zod schema carries them
 * as `.meta({unit, source, description})`, its JSON Schema (stored with every experiment) keeps
 * that metadata, so the schema is walked alongside the scenario's own values. A field without
 * metadata takes its nearest documented parent's (e.g. each role of a per-role table).
 */
export function parameterRows(root: JsonSchema, scenario: unknown): ParameterRow[] {
  const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Json>;
  const rows: ParameterRow[] = [];
  walk(root, scenario, '', {}, defs, rows);
  return rows;
}

interface Inherited {
  unit?: string;
  source?: string;
  description?: string;
}

function resolveRef(node: Json, defs: Record<string, Json>): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.split('/').pop() ?? '';
  return defs[name] ?? node;
}

/** Of a union, the variant whose properties fit the value (discriminated unions by their const). */
function pickVariant(node: Json, value: unknown, defs: Record<string, Json>): Json {
  const variants = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (!variants) return node;
  const resolved = variants.map((v) => resolveRef(v, defs));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const fits = resolved.find((v) => {
      const props = v.properties as Record<string, Json> | undefined;
      if (!props) return false;
      return Object.entries(props).every(([k, p]) => p.const === undefined || obj[k] === p.const);
    });
    if (fits) return { ...node, ...fits };
  }
  if (Array.isArray(value)) return { ...node, ...(resolved.find((v) => v.type === 'array') ?? resolved[0]) };
  return { ...node, ...(resolved.find((v) => v.type !== 'null') ?? resolved[0]) };
}

function walk(raw: Json, value: unknown, path: string, inherited: Inherited, defs: Record<string, Json>, out: ParameterRow[]): void {
  const node = pickVariant(resolveRef(raw, defs), value, defs);
  const own: Inherited = {
    unit: typeof node.unit === 'string' ? node.unit : inherited.unit,
    source: typeof node.source === 'string' ? node.source : inherited.source,
    description: typeof node.description === 'string' ? node.description : inherited.description,
  };
  const props = node.properties as Record<string, Json> | undefined;
  if (props && value && typeof value === 'object' && !Array.isArray(value)) {
    // Children inherit unit and source, not the parent's description of itself as a whole.
    const forChildren = { unit: own.unit, source: own.source, description: own.description };
    for (const [key, child] of Object.entries(props)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || key === 'targets') continue;
      walk(child, v, path ? `${path}.${key}` : key, forChildren, defs, out);
    }
    return;
  }
  if (Array.isArray(value)) {
    const items = node.items as Json | undefined;
    if (items && value.some((v) => v !== null && typeof v === 'object')) {
      value.forEach((v, i) => walk(items, v, `${path}[${i}]`, own, defs, out));
      return;
    }
  }
  if (path === 'model') return;
  out.push({
    path,
    value: formatValue(value),
    unit: own.unit ?? '',
    source: own.source ?? '',
    description: own.description ?? '',
  });
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v);
  return JSON.stringify(v);
}
