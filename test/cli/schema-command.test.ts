import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { models } from '../../src/models/registry.js';
import { scenarioSchemaFile } from '../../src/scenario/json-schema.js';
import { toyModel } from '../scenario/toy-model.js';
import { tempDir } from '../scenario/helpers.js';
import { runCli } from './capture.js';

beforeAll(() => {
  models.push(toyModel);
});

describe('powderkeg schema', () => {
  it('writes one schema file per registered model into --out, creating the directory', async () => {
    const dir = join(tempDir(), 'nested', 'schemas');
    const r = await runCli(['schema', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(models.map((m) => `${m.id}.schema.json`).sort());
    expect(readFileSync(join(dir, 'toy.schema.json'), 'utf8')).toBe(scenarioSchemaFile(toyModel).text);
    expect(r.stdout).toContain(`wrote ${join(dir, 'toy.schema.json')}`);
  });
});
