import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { toyModel } from './toy-model.js';
import { problemsOf, tempDir, writeScenario } from './helpers.js';

const models = [toyModel];
const dir = tempDir();
const load = (text: string, set?: string[], name = 's.yaml') => loadScenario(writeScenario(dir, name, text), { set, models });
const problems = (text: string, set?: string[]) => problemsOf(() => load(text, set));

describe('loadScenario', () => {
  it('parses a valid file, fills defaults and picks the model by its model: field', () => {
    const s = load('model: toy\ngrid:\n  width: 7\n');
    expect(s.model).toBe(toyModel);
    expect(s.scenario.grid).toEqual({ width: 7, height: 20 });
    expect(s.scenario.rules).toBe('epstein');
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes content, not layout: key order and comments do not change the hash, values do', () => {
    const a = load('model: toy\ndensity: 0.3\ngrid: {width: 7, height: 9}\n', [], 'a.yaml');
    const b = load('# comment\ngrid:\n  height: 9\n  width: 7\ndensity: 0.30\nmodel: toy\n', [], 'b.yaml');
    const c = load('model: toy\ndensity: 0.31\ngrid: {width: 7, height: 9}\n', [], 'c.yaml');
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('distinguishes .inf from a missing or null value in the hash', () => {
    const inf = load('model: toy\njail: {max_term: .inf}\n', [], 'i.yaml');
    const big = load('model: toy\njail: {max_term: 1e300}\n', [], 'j.yaml');
    expect(inf.scenario.jail.max_term).toBe(Infinity);
    expect(inf.hash).not.toBe(big.hash);
  });

  it('applies --set overrides as YAML scalars', () => {
    const s = load('model: toy\n', ['rules=mesa', 'grid.width=200', 'jail.max_term=.inf', 'schedule=[{at: 3, boost: 0.5}]']);
    expect(s.scenario.rules).toBe('mesa');
    expect(s.scenario.grid.width).toBe(200);
    expect(s.scenario.jail.max_term).toBe(Infinity);
    expect(s.scenario.schedule).toEqual([{ at: 3, boost: 0.5 }]);
  });

  it('sets array elements and map entries by path', () => {
    const s = load('model: toy\nschedule:\n  - {at: 1, boost: 1}\n  - {at: 2, boost: 2}\n', ['schedule[1].boost=5', 'regions.east.weight=3']);
    expect(s.scenario.schedule[1]).toEqual({ at: 2, boost: 5 });
    expect(s.scenario.regions.east).toEqual({ weight: 3 });
  });

  it('reports a --set path that is not in the schema, naming the nearest valid one', () => {
    const [p, ...rest] = problems('model: toy\n', ['grid.widht=3']);
    expect(rest).toEqual([]);
    expect(p.path).toBe('grid.widht');
    expect(p.message).toContain('"grid.width"');
    const [q] = problems('model: toy\nschedule: [{at: 1, boost: 1}]\n', ['schedule[0].bost=3']);
    expect(q.message).toContain('"schedule[0].boost"');
  });

  it('reports a --set without "="', () => {
    const [p] = problems('model: toy\n', ['grid.width']);
    expect(p.path).toBe('--set');
    expect(p.message).toContain('path=value');
  });

  it('reports YAML syntax errors with line and column', () => {
    const ps = problems('model: toy\ngrid: [1, 2\ndensity: 0.3\n');
    expect(ps.length).toBeGreaterThan(0);
    expect(ps[0].file).toMatch(/s\.yaml$/);
    expect(ps[0].path).toMatch(/^line 3, column \d+$/);
    expect(ps[0].message).toMatch(/^YAML syntax error: /);
    expect(ps[0].message).not.toContain('\n');
  });

  it('reports duplicate keys as a syntax error', () => {
    const [p] = problems('model: toy\ndensity: 0.1\ndensity: 0.2\n');
    expect(p.path).toBe('line 3, column 1');
    expect(p.message).toMatch(/unique/);
  });

  it('suggests the nearest field for a mistyped one', () => {
    const [p] = problems('model: toy\ngrid:\n  widht: 10\n');
    expect(p.path).toBe('grid.widht');
    expect(p.message).toBe('unknown field "widht"; did you mean "grid.width"?');
  });

  it('lists valid fields for an unknown field that resembles none', () => {
    const [p] = problems('model: toy\nzzzzzzzzzz: 1\n');
    expect(p.path).toBe('zzzzzzzzzz');
    expect(p.message).toContain('valid fields here are');
    expect(p.message).toContain('density');
  });

  it('explains a negative size: what was expected, what was found', () => {
    const [p] = problems('model: toy\ngrid: {width: -5}\n');
    expect(p.path).toBe('grid.width');
    expect(p.message).toContain('greater than 0');
    expect(p.message).toContain('-5');
  });

  it('explains a density over 1', () => {
    const [p] = problems('model: toy\ndensity: 1.5\n');
    expect(p.path).toBe('density');
    expect(p.message).toContain('at most 1');
    expect(p.message).toContain('1.5');
  });

  it('lists the rule sets for an unknown one and suggests the close one', () => {
    const [p] = problems('model: toy\nrules: mesaa\n');
    expect(p.path).toBe('rules');
    expect(p.message).toContain('"epstein", "mesa", "netlogo"');
    expect(p.message).toContain('did you mean "mesa"?');
    const [q] = problems('model: toy\nrules: netl\n');
    expect(q.message).toContain('did you mean "netlogo"?');
    const [r] = problems('model: toy\nrules: zzz\n');
    expect(r.message).not.toContain('did you mean');
  });

  it('names the type expected and found, with array indices in the path', () => {
    const [p] = problems('model: toy\nschedule:\n  - {at: 1, boost: 1}\n  - {at: soon, boost: 1}\n');
    expect(p.path).toBe('schedule[1].at');
    expect(p.message).toContain('expected a number');
    expect(p.message).toContain('"soon"');
  });

  it('reports a missing required field inside a list', () => {
    const [p] = problems('model: toy\nschedule: [{at: 1}]\n');
    expect(p.path).toBe('schedule[0].boost');
    expect(p.message).toMatch(/missing/);
  });

  it('reports every problem at once', () => {
    const ps = problems('model: toy\ndensity: 2\ngrid: {width: 0, heigth: 3}\nrules: x\n');
    expect(ps.map((p) => p.path).sort()).toEqual(['density', 'grid.heigth', 'grid.width', 'rules']);
  });

  it('reports a union mismatch by what either branch accepts', () => {
    const [p] = problems('model: toy\njail: {max_term: forever}\n');
    expect(p.path).toBe('jail.max_term');
    expect(p.message).toContain('.inf');
    expect(p.message).toContain('"forever"');
  });

  it('lists the known models for an unknown or missing model', () => {
    const [p] = problems('model: toyy\n');
    expect(p.path).toBe('model');
    expect(p.message).toContain('known models are toy');
    expect(p.message).toContain('did you mean "toy"?');
    const [q] = problems('grid: {width: 3}\n');
    expect(q.path).toBe('model');
    expect(q.message).toContain('known models are toy');
  });

  it('reports an empty file', () => {
    const [p] = problems('# nothing\n');
    expect(p.message).toContain('empty');
  });

  it('reports a missing file by name', () => {
    const file = `${dir}/does-not-exist.yaml`;
    const [p] = problemsOf(() => loadScenario(file, { models }));
    expect(p).toEqual({ file, message: 'file not found' });
  });
});
