import { z } from 'zod';
import { ExperimentSchema } from './schema.js';

/** JSON Schema of experiment files (input side: fields with defaults are optional), for editors. */
export function experimentSchemaText(): string {
  const schema = z.toJSONSchema(ExperimentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, title: 'powderkeg experiment' }, null, 2)}\n`;
}
