import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getModel } from '../../src/models/registry.js';
import { loadScenario } from '../../src/scenario/load.js';
import { problemsOf } from './helpers.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

const RUN2 = 'scenarios/epstein/run2.yaml';

describe('the shipped scenarios', () => {
  const files = yamlFiles('scenarios');
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s loads with the model it names', (file) => {
    const s = loadScenario(file);
    expect(getModel(s.model.id)).toBe(s.model);
  });
  it.each(files)('%s points editors at its JSON Schema', (file) => {
    const first = readFileSync(file, 'utf8').split('\n').find((l) => l.includes('yaml-language-server'));
    const id = loadScenario(file).model.id;
    if (first !== undefined) expect(first).toMatch(new RegExp(`\\$schema=(\\.\\./)+schemas/${id}\\.schema\\.json$`));
  });
});

describe('civil-violence scenarios from the command line', () => {
  it('take --set overrides of rules, sizes and infinite jail terms', () => {
    const s = loadScenario(RUN2, { set: ['rules=mesa', 'grid.width=200', 'jail.max_term=.inf'] }).scenario;
    expect(s.rules).toBe('mesa');
    expect(s.grid.width).toBe(200);
    expect(s.grid.height).toBe(40);
    expect(s.jail.max_term).toBe(Infinity);
  });

  it('explain mistakes in terms of the model\'s own fields', () => {
    const [typo] = problemsOf(() => loadScenario(RUN2, { set: ['grid.widht=3'] }));
    expect(typo).toMatchObject({ file: RUN2, path: 'grid.widht' });
    expect(typo.message).toContain('"grid.width"');
    const [dens] = problemsOf(() => loadScenario(RUN2, { set: ['citizens.density=1.5'] }));
    expect(dens).toMatchObject({ path: 'citizens.density' });
    expect(dens.message).toContain('at most 1');
    const [size] = problemsOf(() => loadScenario(RUN2, { set: ['grid.height=-4'] }));
    expect(size).toMatchObject({ path: 'grid.height' });
    expect(size.message).toContain('at least 1, found the number -4');
    const [rules] = problemsOf(() => loadScenario(RUN2, { set: ['rules=mesaa'] }));
    expect(rules.message).toContain('did you mean "mesa"?');
  });
});
