import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'pk-backtest-report-'));
const OBSERVED = 'data/observed/example-validation.csv';
const BOTH = ['backtest', 'scenarios/kazakhstan-2022.yaml', '--compare', 'scenarios/kazakhstan-2022-seed.yaml', '--observed', OBSERVED];
const CHEAP = ['--replicates', '3', '--workers', '0', '--set', 'scale=5000'];

const cells = (row: string) => [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

describe('powderkeg backtest --report', () => {
  it('writes both scenarios side by side: the verdict the terminal prints, one row per figure, one chart per indicator', async () => {
    const out = join(dir, 'both.html');
    const r = await runCli([...BOTH, ...CHEAP, '--report', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`report: ${out}`);
    const html = readFileSync(out, 'utf8');
    const verdict = /^The back-test favours .*$/m.exec(r.stdout)![0];
    expect(html.replace(/<[^>]+>/g, '')).toContain(verdict.replace(/\.$/, ''));

    const body = /<table id="side-by-side">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1];
    const rows = body.trim().split('\n').map(cells);
    // Four figures of the example file are scored (the fifth's indicator is not in the model).
    expect(rows.map((c) => `${c[0]} ${c[1]}`)).toEqual([
      'convicted 2023-01-05',
      'detained 2022-01-31',
      'permanent_emigration_per_year 2022-12-31',
      'permanent_emigration_per_year 2024-12-31',
    ]);
    // indicator, date, observed, then mean [5 %, 95 %], covered and CRPS for each scenario.
    for (const c of rows) expect(c).toHaveLength(3 + 2 * 3);
    expect(html).toContain('Not in the model, so not scored: criminal_cases_opened.');
    const charts = [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(['backtest-compare-convicted', 'backtest-compare-detained', 'backtest-compare-permanent_emigration_per_year']);
    expect((html.match(/<svg role="img"/g) ?? []).length).toBe(3);
    // Every mark can be read out: 1 observed + 2 scenarios at each of the 4 figures.
    const points = [...html.matchAll(/<script type="application\/json" class="tip-data">(.*?)<\/script>/g)].reduce((n, m) => n + JSON.parse(m[1]).points.length, 0);
    expect(points).toBe(4 * 3);
  }, 60_000);

  it('gives the same bytes for the same scenarios and seed', async () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    expect((await runCli([...BOTH, ...CHEAP, '--report', a])).code).toBe(0);
    expect((await runCli([...BOTH, ...CHEAP, '--report', b])).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  }, 60_000);

  it('a report path under a regular file: exit 2, one line, nothing written', async () => {
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'x');
    const r = await runCli([...BOTH, ...CHEAP, '--report', join(plain, 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(join(plain, 'r.html'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});
