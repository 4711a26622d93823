import { z } from 'zod';
import type { ModelDefinition } from '../models/types.js';

/**
 * The JSON Schema of a model's scenario files, for editors (yaml-language-server) and users.
 * Describes the input side: fields with defaults are optional. Units and descriptions come
 * from the schema's `.meta()`.
 */
export function scenarioJsonSchema(model: ModelDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(model.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...(dropNonFinite(schema) as Record<string, unknown>), title: model.title };
}

/** File name and text of a model's schema file; the text is stable so it can be committed. */
export function scenarioSchemaFile(model: ModelDefinition): { name: string; text: string } {
  return { name: `${model.id}.schema.json`, text: `${JSON.stringify(scenarioJsonSchema(model), null, 2)}\n` };
}

/**
 * JSON cannot hold infinities: a `default` or `const` of `.inf` would print as null and mislead
 * editors, so such keywords are left out (the field's type still says number).
 */
function dropNonFinite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropNonFinite);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    out[key] = dropNonFinite(value);
  }
  return out;
}
