import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { UserError, type Problem } from '../../src/scenario/errors.js';
import { fixtures, loadToy, tempDir } from './helpers.js';
import { root } from './build.js';

/** Writes an experiment next to the toy scenario (or any scenario path) and returns its problems. */
function problemsOf(yaml: string, scenario = join(fixtures, 'toy.yaml')): Problem[] {
  const dir = tempDir('pk-bad-');
  const file = join(dir, 'e.yaml');
  writeFileSync(file, `scenario: ${JSON.stringify(scenario)}\n${yaml}`);
  try {
    loadToy(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return [...(err as UserError).problems].map((p) => ({ ...p, file: p.file === file ? 'e.yaml' : p.file }));
  }
  throw new Error('expected the experiment to be rejected');
}

const at = (problems: Problem[], path: string) => problems.filter((p) => p.path === path).map((p) => p.message);

describe('bad experiment files', () => {
  it('report every schema problem at once, each with its field', () => {
    const problems = problemsOf(
      [
        'kind: swep',
        'replicates: 0',
        'factors:',
        '  - { path: rate, rnage: [0, 1] }',
        '  - { path: noise, range: [1, 0] }',
        'outputs:',
        '  summaries:',
        '    - { name: m, stat: median, indicator: level }',
      ].join('\n'),
    );
    expect(problems.every((p) => p.file === 'e.yaml')).toBe(true);
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'replicates', 'factors[0].rnage', 'factors[1].range', 'outputs.summaries[0].stat']));
    expect(at(problems, 'kind')[0]).toContain('sweep');
  });

  it('name the nearest valid scenario path for an unknown factor path', () => {
    const problems = problemsOf(['kind: sweep', 'factors: [{ path: rat, range: [0, 1] }]', 'design: { type: lhs, n: 4 }'].join('\n'));
    expect(problems).toEqual([{ file: 'e.yaml', path: 'factors[0].path', message: 'the scenario has no field "rat"; did you mean "rate"?' }]);
  });

  it('reject factor values the model would refuse, unknown indicators and kind sections that do not fit', () => {
    const problems = problemsOf(
      [
        'kind: sweep',
        'factors: [{ path: cells, values: [10, 0] }]',
        'design: { type: factorial }',
        'outputs:',
        '  summaries: [{ name: m, stat: max, indicator: activ }]',
        'discovery: { outcome: "m > 3" }',
      ].join('\n'),
    );
    expect(at(problems, 'discovery')[0]).toContain('only a discovery experiment');
    const noDiscovery = problemsOf(
      ['kind: sweep', 'factors: [{ path: cells, values: [10, 0] }]', 'design: { type: factorial }', 'outputs:', '  summaries: [{ name: m, stat: max, indicator: activ }]'].join('\n'),
    );
    expect(at(noDiscovery, 'factors[0].values')[0]).toMatch(/^0 is not a valid value of cells/);
    expect(at(noDiscovery, 'outputs.summaries[0].indicator')[0]).toContain('did you mean "active"?');
  });

  it('check discovery outcomes and back-test data', () => {
    const dir = tempDir('pk-bad-');
    const csv = join(dir, 'obs.csv');
    writeFileSync(csv, 'indicator,time,value\nactive,0,3\nactive,x,4\nactive,0,5\n');
    const problems = problemsOf(['kind: backtest', `backtest: { observed: ${JSON.stringify(csv)} }`].join('\n'));
    expect(problems).toEqual([
      { file: csv, path: 'line 3', message: 'time must be a whole step number, found "x"' },
      { file: csv, path: 'line 4', message: 'active at time 0 is given twice' },
    ]);
    const outcome = problemsOf(
      ['kind: discovery', 'factors: [{ path: rate, range: [0, 1] }]', 'design: { type: lhs, n: 4 }', 'outputs: { summaries: [{ name: m, stat: max, indicator: active }] }', 'discovery: { outcome: "mm > 3 and" }'].join('\n'),
    );
    expect(at(outcome, 'discovery.outcome')).toEqual(['the expression ends too early']);
  });
});

describe('powderkeg experiment with a bad file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exits 2 with one line per problem and writes no store', async () => {
    const dir = tempDir('pk-bad-');
    const file = join(dir, 'e.yaml');
    writeFileSync(
      file,
      [
        'kind: sweep',
        `scenario: ${JSON.stringify(join(root, 'scenarios/epstein/run2.yaml'))}`,
        'factors: [{ path: legitimacyy, range: [0.7, 0.9] }, { path: cops.density, range: [0.02, 0.06] }]',
        'design: { type: lhs, n: 5 }',
      ].join('\n'),
    );
    const db = join(dir, 'out', 'e.duckdb');
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (errors.push(String(s)), true));
    const code = await main(['experiment', file, '--db', db]);
    expect(code).toBe(2);
    expect(errors.join('')).toBe(`${file}: factors[0].path: the scenario has no field "legitimacyy"; did you mean "legitimacy"?\n`);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
