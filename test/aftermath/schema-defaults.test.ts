import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { aftermath } from '../../src/models/aftermath/index.js';
import { DEFAULT_FILE } from './helpers.js';

/** Paths whose value is data of the scenario (lists, names), not a parameter with a default. */
const DATA = new Set(['name', 'description', 'regions', 'mechanisms.M1.participants', 'mechanisms.M10.destinations', 'interventions', 'targets']);

function differences(a: unknown, b: unknown, path: string, out: string[]): void {
  if (DATA.has(path)) return;
  if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys((b as object) ?? {})]))
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown> | undefined)?.[k], path ? `${path}.${k}` : k, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}: scenario ${JSON.stringify(a)}, default ${JSON.stringify(b)}`);
}

describe('schema defaults', () => {
  it("equal the data scenario's values, so that a field left out means what the scenario runs", () => {
    const doc = parseYaml(readFileSync(DEFAULT_FILE, 'utf8')) as Record<string, unknown>;
    const full = aftermath.schema.parse(doc);
    const bare = aftermath.schema.parse({ model: 'aftermath', regions: doc.regions });
    const out: string[] = [];
    differences(full, bare, '', out);
    expect(out).toEqual([]);
  });
});
