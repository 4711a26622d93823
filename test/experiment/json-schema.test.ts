import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { experimentSchemaText } from '../../src/experiment/json-schema.js';

const file = fileURLToPath(new URL('../../schemas/experiment.schema.json', import.meta.url));

describe('schemas/experiment.schema.json', () => {
  it('is the JSON Schema of the experiment files as the code defines them', () => {
    // UPDATE_SCHEMAS=1 rewrites the committed file after a deliberate change of the schema.
    if (process.env.UPDATE_SCHEMAS) writeFileSync(file, experimentSchemaText());
    expect(readFileSync(file, 'utf8')).toBe(experimentSchemaText());
    const schema = JSON.parse(experimentSchemaText());
    expect(schema.properties.kind.enum).toEqual(['ensemble', 'sweep', 'sensitivity', 'calibration', 'backtest', 'discovery', 'attribution']);
    expect(schema.required).toEqual(['kind', 'scenario']);
  });
});
