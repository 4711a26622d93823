import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { models } from '../../src/models/registry.js';
import { scenarioJsonSchema, scenarioSchemaFile } from '../../src/scenario/json-schema.js';
import { toyModel } from './toy-model.js';

describe('scenario JSON Schema', () => {
  it('carries units, descriptions and defaults, and marks defaulted fields optional', () => {
    const s = scenarioJsonSchema(toyModel) as any;
    expect(s.title).toBe(toyModel.title);
    expect(s.required).toEqual(['model']);
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.grid.properties.width).toMatchObject({ type: 'integer', unit: 'cells', description: 'Columns of the grid', default: 20 });
    expect(s.properties.density).toMatchObject({ minimum: 0, maximum: 1, unit: 'share' });
    expect(s.properties.rules.enum).toEqual(['epstein', 'mesa', 'netlogo']);
  });

  it('leaves out infinite constants, which JSON would turn into a misleading null', () => {
    const text = scenarioSchemaFile(toyModel).text;
    expect(text).not.toMatch(/"const": null/);
    expect(JSON.parse(text).properties.jail.properties.max_term.anyOf).toHaveLength(2);
  });

  it('committed schemas/ files are exactly what the code generates (run `powderkeg schema` to refresh)', () => {
    expect(models.length).toBeGreaterThan(0);
    const committed = readdirSync('schemas');
    for (const model of models) {
      const { name, text } = scenarioSchemaFile(model);
      expect(committed, `schemas/${name} is missing`).toContain(name);
      expect(readFileSync(`schemas/${name}`, 'utf8'), name).toBe(text);
    }
  });
});
