import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'pk-backtest-cli-'));
const file = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const SCENARIO = 'scenarios/kazakhstan-2022.yaml';
// A coarse, short run: a CLI test checks the plumbing, the harness tests check the numbers.
const CHEAP = ['--replicates', '3', '--workers', '0', '--set', 'scale=5000'];

describe('powderkeg backtest', () => {
  it('prints the documented JSON, with an indicator the model lacks under missing', async () => {
    const observed = file('ok.csv', 'indicator,time,value,low,high,note\ndetained,2022-01-31,9900,9850,9950,"Vlast.kz, Jan 2023"\nno_such_indicator,2023-01-01,5,,,x\n');
    const r = await runCli(['backtest', SCENARIO, '--observed', observed, ...CHEAP, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.missing).toEqual(['no_such_indicator']);
    expect(out.rows).toHaveLength(1);
    const row = out.rows[0];
    for (const key of ['indicator', 'time', 'low', 'high', 'mean', 'p05', 'p95', 'covered', 'crps', 'crps_persistence', 'crps_trend'])
      expect(row).toHaveProperty(key);
    expect(row).toMatchObject({ indicator: 'detained', time: '2022-01-31', step: 4, low: 9850, high: 9950, covered: expect.any(Boolean) });
    expect(row.p05).toBeLessThanOrEqual(row.mean);
    expect(row.mean).toBeLessThanOrEqual(row.p95);
    // The packaged calibration file's last detained figure (11,000 on 12 Jan 2022), carried forward.
    expect(row.persistence).toBe(11000);
    expect(row.crps_persistence).toBe(1100);
    expect(out.coverage).toBe(row.covered ? 1 : 0);
    expect(out.skill).toBeCloseTo(1 - row.crps / 1100, 12);
    expect(out.compare).toEqual([]);
  });

  it('scores a second scenario beside the first and says which one the figures favour', async () => {
    const observed = file('two.csv', 'indicator,time,value,low,high,note\ndetained,2022-01-31,9900,9850,9950,x\n');
    const r = await runCli(['backtest', SCENARIO, '--observed', observed, '--compare', SCENARIO, ...CHEAP, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.compare).toHaveLength(1);
    // The same scenario twice with the same seeds: identical ensembles, so neither is favoured.
    expect(out.compare[0].rows).toEqual(out.rows);
    expect(out.comparison).toMatchObject({ shared_rows: 1, favoured: null });
    const text = await runCli(['backtest', SCENARIO, '--observed', observed, '--compare', SCENARIO, ...CHEAP]);
    expect(text.stdout).toMatch(/The back-test favours neither: a tie on 1 shared figures/);
  });

  it('exits 2 on a bad file, naming the line and the reason', async () => {
    const cases: [string, string | null, RegExp][] = [
      ['bad-date.csv', 'indicator,time,value,low,high,note\ndetained,2023-13-01,1,,,x\n', /bad-date\.csv: line 2: time must be an ISO date/],
      ['bad-value.csv', 'indicator,time,value,low,high,note\ndetained,2023-01-01,1,,,x\ndetained,2023-02-01,many,,,x\n', /bad-value\.csv: line 3: value must be a plain number/],
      ['low-high.csv', 'indicator,time,value,low,high,note\ndetained,2023-01-01,,5,4,x\n', /low-high\.csv: line 2: low \(5\) is above high \(4\)/],
      ['no-note.csv', 'indicator,time,value,low,high\ndetained,2023-01-01,1,,\n', /no-note\.csv: line 1: missing column "note"/],
      ['empty.csv', '', /empty\.csv: line 1: the file is empty/],
      ['a-directory', null, /a-directory: this is a directory, not a file/],
    ];
    for (const [name, text, message] of cases) {
      const path = text === null ? join(dir, name) : file(name, text);
      if (text === null) mkdirSync(path, { recursive: true });
      const r = await runCli(['backtest', SCENARIO, '--observed', path, ...CHEAP, '--json']);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(r.stdout, name).toBe('');
    }
  });
});
