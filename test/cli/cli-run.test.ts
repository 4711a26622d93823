import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { models } from '../../src/models/registry.js';
import { toyModel } from '../scenario/toy-model.js';
import { tempDir, writeScenario } from '../scenario/helpers.js';
import { runCli } from './capture.js';

beforeAll(() => {
  models.push(toyModel);
});

const SCENARIO = 'model: toy\ngrid: {width: 30, height: 30}\nschedule:\n  - {at: 5, boost: 0.3}\n';

async function runTo(dir: string, name: string, extra: string[] = []): Promise<Buffer> {
  const scenario = writeScenario(dir, 'in.yaml', SCENARIO);
  const out = join(dir, name);
  const r = await runCli(['run', scenario, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out);
}

describe('run', () => {
  it('same scenario and seed give byte-identical CSV, JSON Lines and Parquet; another seed differs', async () => {
    const dir = tempDir();
    for (const ext of ['csv', 'jsonl', 'parquet']) {
      const a = await runTo(dir, `a.${ext}`, ['--seed', '42']);
      const b = await runTo(dir, `b.${ext}`, ['--seed', '42']);
      const c = await runTo(dir, `c.${ext}`, ['--seed', '43']);
      expect(a.equals(b), ext).toBe(true);
      expect(a.equals(c), ext).toBe(false);
    }
  });

  it('records step 0 to the default steps, every n steps with the last always included', async () => {
    const dir = tempDir();
    const all = (await runTo(dir, 'all.csv')).toString().trimEnd().split('\n');
    expect(all[0]).toBe('step,active,mean_grievance,rules');
    expect(all.length).toBe(1 + 26);
    const sparse = (await runTo(dir, 'sparse.csv', ['--steps', '12', '--every', '5'])).toString().trimEnd().split('\n');
    expect(sparse.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([0, 5, 10, 12]);
  });

  it('applies --set and --disable to the run', async () => {
    const dir = tempDir();
    const base = await runTo(dir, 'base.csv');
    const mesa = (await runTo(dir, 'mesa.csv', ['--set', 'rules=mesa'])).toString();
    expect(mesa.split('\n')[1].endsWith(',mesa')).toBe(true);
    // M1 applies the schedule's boost at step 5: switching it off changes what follows
    const off = await runTo(dir, 'off.csv', ['--disable', 'M1']);
    const rows = (b: Buffer) => b.toString().trimEnd().split('\n');
    expect(rows(off).slice(0, 6)).toEqual(rows(base).slice(0, 6));
    expect(rows(off)[7]).not.toBe(rows(base)[7]);
  });

  it('takes --disable as a comma-separated list too, and names an unknown id in it', async () => {
    const dir = tempDir();
    const one = await runTo(dir, 'one.csv', ['--disable', 'M1']);
    const listed = await runTo(dir, 'listed.csv', ['--disable', 'M1,']);
    expect(listed.toString()).toBe(one.toString());
    const scenario = writeScenario(dir, 'in.yaml', SCENARIO);
    const r = await runCli(['run', scenario, '--steps', '3', '--disable', 'M1,M9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown mechanism "M9"/);
  });

  it('writes the per-region series with the step first', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', SCENARIO);
    const regions = join(dir, 'regions.jsonl');
    const r = await runCli(['run', scenario, '--steps', '3', '--out-regions', regions]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(regions, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.step, l.region])).toEqual([0, 1, 2, 3].flatMap((s) => [[s, 'north'], [s, 'south']]));
    expect(lines.every((l) => Number.isInteger(l.active))).toBe(true);
  });

  it('--json prints a machine-readable summary whose final values match the last recorded row', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', SCENARIO);
    const out = join(dir, 'o.csv');
    const r = await runCli(['run', scenario, '--json', '--seed', '9', '--steps', '8', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ scenario, model: 'toy', seed: 9, steps: 8, stoppedEarly: false, outputs: { series: out, regions: null } });
    expect(typeof s.seconds).toBe('number');
    const last = readFileSync(out, 'utf8').trimEnd().split('\n').pop()!.split(',');
    expect([s.final.active, s.final.mean_grievance, s.final.rules]).toEqual([Number(last[1]), Number(last[2]), last[3]]);
  });

  it('prints a short human summary by default and no progress bar when stderr is not a terminal', async () => {
    const dir = tempDir();
    const scenario = writeScenario(dir, 'in.yaml', SCENARIO);
    const r = await runCli(['run', scenario, '--steps', '4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/toy, seed 1, 4 steps/);
    expect(r.stdout).toMatch(/final: active \d+, mean_grievance [\d.]+, rules epstein/);
    expect(r.stderr).toBe('');
  });
});
