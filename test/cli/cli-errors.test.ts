import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { models } from '../../src/models/registry.js';
import { toyModel } from '../scenario/toy-model.js';
import { tempDir, writeScenario } from '../scenario/helpers.js';
import { runCli } from './capture.js';
import { brokenModel, flatModel } from './toy-models.js';

beforeAll(() => {
  // each test file runs in its own process, so registering toys here touches no other test
  models.push(toyModel, flatModel, brokenModel);
});

/**
 * Every bad input: exit 2, one line per problem naming the file and the field, no stack
 * trace, and no output file created (the directory holds only the scenario afterwards).
 */
async function expectRejected(scenarioText: string | undefined, extra: string[], file: RegExp, field: string, words: RegExp) {
  const dir = tempDir();
  const scenario = scenarioText === undefined ? join(dir, 'absent.yaml') : writeScenario(dir, 'in.yaml', scenarioText);
  const before = readdirSync(dir).sort();
  const r = await runCli(['run', scenario, '--out', join(dir, 'out.csv'), ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  const [line] = lines;
  expect(line).toMatch(file);
  if (field) expect(line).toContain(`: ${field}: `);
  expect(line).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  expect(readdirSync(dir).sort()).toEqual(before);
}

describe('run rejects bad input with one clear line and no output file', () => {
  it('malformed YAML: line and column', () =>
    expectRejected('model: toy\ngrid: {width: 3\n', [], /in\.yaml/, '', /line \d+, column \d+: YAML syntax error/));
  it('mistyped field suggests the right one', () =>
    expectRejected('model: toy\ngrid:\n  widht: 10\n', [], /in\.yaml/, 'grid.widht', /did you mean "grid\.width"/));
  it('unknown field', () => expectRejected('model: toy\ncolour: red\n', [], /in\.yaml/, 'colour', /unknown field "colour"/));
  it('negative size', () => expectRejected('model: toy\ngrid: {height: -3}\n', [], /in\.yaml/, 'grid.height', /greater than 0, found the number -3/));
  it('density over 1', () => expectRejected('model: toy\ndensity: 1.2\n', [], /in\.yaml/, 'density', /at most 1, found the number 1\.2/));
  it('unknown rule set', () => expectRejected('model: toy\nrules: mason\n', [], /in\.yaml/, 'rules', /one of "epstein", "mesa", "netlogo"/));
  it('unknown model', () => expectRejected('model: nope\n', [], /in\.yaml/, 'model', /unknown model "nope".*toy/));
  it('missing file', () => expectRejected(undefined, [], /absent\.yaml: file not found$/, '', /not found/));
  it('bad --set path', () => expectRejected('model: toy\n', ['--set', 'grid.hieght=5'], /in\.yaml/, 'grid.hieght', /did you mean "grid\.height"/));
  it('--set value that breaks the schema', () => expectRejected('model: toy\n', ['--set', 'density=-1'], /in\.yaml/, 'density', /at least 0/));
  it('bad --seed', () => expectRejected('model: toy\n', ['--seed', 'abc'], /^--seed: /, '', /whole number/));
  it('unknown mechanism', () => expectRejected('model: toy\n', ['--disable', 'M9'], /^--disable: /, '', /valid ids are M1, M2/));
  it('unknown output format', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', 'model: toy\n');
    const r = await runCli(['run', scenario, '--out', join(dir, 'out.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\.xlsx: --out: unknown output format "\.xlsx"/);
    expect(readdirSync(dir)).toEqual(['in.yaml']);
  });
  it('--out-regions for a model without regions', () =>
    expectRejected('model: flat\n', ['--out-regions', '/tmp/never-written.csv'], /^--out-regions: /, '', /no per-region series/));
  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await runCli(['run', 'x.yaml', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
  });
});

describe('failures during a run', () => {
  it('a model bug exits 1 and leaves no output file', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', 'model: broken\n');
    const r = await runCli(['run', scenario, '--out', join(dir, 'a.csv'), '--out-regions', join(dir, 'b.parquet')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('model bug at step 3');
    expect(readdirSync(dir)).toEqual(['in.yaml']);
  });
});

describe('validate', () => {
  it('says ok for a good file, also as JSON', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', 'model: toy\n');
    expect(await runCli(['validate', scenario])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    const j = await runCli(['validate', scenario, '--json', '--set', 'rules=mesa']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: true, model: 'toy', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
  it('lists every problem, one per line, and exits 2', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', 'model: toy\ndensity: 3\ngrid: {width: 0}\n');
    const r = await runCli(['validate', scenario]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith(`${scenario}: `))).toBe(true);
    const j = await runCli(['validate', scenario, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).problems.map((p: { path: string }) => p.path).sort()).toEqual(['density', 'grid.width']);
  });
});

describe('program', () => {
  it('prints help and version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const cmd of ['run', 'validate', 'schema']) expect(help.stdout).toContain(cmd);
    const version = await runCli(['--version']);
    expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
