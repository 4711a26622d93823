import { z } from 'zod';
import type { ModelDefinition } from '../models/types.js';

/**
 * The JSON Schema of a model's scenario files, for editors (yaml-language-server) and users.
 * Describes the input side: fields with defaults are optional. Units and descriptions come
 * from the schema's `.meta()`.
 */
export function scenarioJsonSchema(model: ModelDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(model.schema, { io: 'input', unrepresentable: 'any', override: keepInfinityHonest }) as Record<
    string,
    unknown
  >;
  return { ...schema, title: model.title };
}

/** File name and text of a model's schema file; the text is stable so it can be committed. */
export function scenarioSchemaFile(model: ModelDefinition): { name: string; text: string } {
  return { name: `${model.id}.schema.json`, text: `${JSON.stringify(scenarioJsonSchema(model), null, 2)}\n` };
}

/**
 * JSON has no infinity, and zod writes a `.inf` literal or default as null, which would tell
 * editors that null is expected. Such keywords are replaced by a note; the type stays number.
 */
function keepInfinityHonest(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string; values?: unknown[]; defaultValue?: unknown } } })._zod?.def;
  if (!def) return;
  const nonFinite = (v: unknown) => typeof v === 'number' && !Number.isFinite(v);
  if (def.type === 'literal' && def.values?.some(nonFinite)) {
    delete ctx.jsonSchema.const;
    delete ctx.jsonSchema.enum;
    ctx.jsonSchema.description ??= 'write .inf for infinity';
  }
  if ((def.type === 'default' || def.type === 'prefault') && nonFinite(def.defaultValue)) {
    delete ctx.jsonSchema.default;
    ctx.jsonSchema.description = [ctx.jsonSchema.description, 'default: .inf (infinity)'].filter(Boolean).join('; ');
  }
}
