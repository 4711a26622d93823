import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/targets.js';
import { ExitRequest } from '../../src/cli/exit-request.js';
import { formatProblem, isUserError } from '../../src/scenario/errors.js';
import { evaluateTargets, quantile, stepAt } from '../../src/experiment/targets.js';
import { DEFAULT_FILE } from './helpers.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true));
  return { out, err };
}
afterEach(() => vi.restoreAllMocks());

/** The command alone, with the CLI's exit-code contract: UserError 2, ExitRequest its code. */
async function main(argv: string[]): Promise<number> {
  const program = new Command('powderkeg').exitOverride();
  register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
      return 2;
    }
    if (e instanceof ExitRequest) return e.code;
    throw e;
  }
}

describe('evaluateTargets', () => {
  const series = (values: number[], step0 = 0) => ({
    national: { columns: ['step', 'x', 'y'], rows: values.map((v, k) => [step0 + k, v, 2]) },
  });
  it('checks the ensemble mean against the range and reports a 90 % interval', () => {
    const sc = {
      t0: '2022-01-03',
      targets: [
        { kind: 'value' as const, id: 'a', indicator: 'x', at: '2022-01-10', min: 1, max: 3 },
        { kind: 'ratio' as const, id: 'b', numerator: { indicator: 'x', at: '2022-01-17' }, denominator: { indicator: 'y', at: '2022-01-03' }, min: 3 },
      ],
    };
    const runs = [series([0, 1, 4]), series([0, 3, 8]), series([0, 2, 6])];
    const [a, b] = evaluateTargets(sc, runs);
    expect(a.mean).toBe(2);
    expect(a.pass).toBe(true);
    expect(a.low).toBeCloseTo(1.1, 12);
    expect(a.high).toBeCloseTo(2.9, 12);
    expect(b.mean).toBe(3);
    expect(b.pass).toBe(true);
    const [a2] = evaluateTargets({ ...sc, targets: [{ ...sc.targets[0], max: 1.5 }] }, runs);
    expect(a2.pass).toBe(false);
  });
  it('compares a group of regions with the largest other region', () => {
    const regions = (p: number, q: number, r: number) => ({
      columns: ['step', 'date', 'region', 'z'],
      rows: [[0, 'd', 'p', p], [0, 'd', 'q', q], [0, 'd', 'r', r]],
    });
    const sc = { t0: '2022-01-03', targets: [{ kind: 'largest_share' as const, id: 's', indicator: 'z', at: '2022-01-03', group: ['p', 'q'] }] };
    const pass = evaluateTargets(sc, [{ national: { columns: ['step'], rows: [[0]] }, regions: regions(2, 2, 3) }]);
    expect(pass[0].mean).toBeCloseTo(4 / 7, 12);
    expect(pass[0].pass).toBe(true);
    const fail = evaluateTargets(sc, [{ national: { columns: ['step'], rows: [[0]] }, regions: regions(1, 1, 3) }]);
    expect(fail[0].pass).toBe(false);
  });
  it('finds the first week ending on or after a date', () => {
    expect(stepAt('2022-01-03', '2022-01-03')).toBe(0);
    expect(stepAt('2022-01-03', '2022-01-04')).toBe(1);
    expect(stepAt('2022-01-03', '2022-01-31')).toBe(4);
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
  });
});

describe('powderkeg targets', () => {
  it('exits 0 when every target of the default scenario holds, with a JSON report', async () => {
    const { out } = capture();
    const code = await main(['targets', DEFAULT_FILE, '--runs', '4', '--json']);
    vi.restoreAllMocks();
    const report = JSON.parse(out.join(''));
    expect(report.targets.filter((t: { pass: boolean }) => !t.pass).map((t: { id: string }) => t.id)).toEqual([]);
    expect(code).toBe(0);
    expect(report.targets).toHaveLength(9);
  }, 60_000);

  it('exits 1 when a target fails (without the prison school the list stays short)', async () => {
    const { out } = capture();
    const code = await main(['targets', DEFAULT_FILE, '--runs', '2', '--disable', 'M7', '--set', 'scale=400']);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/list_five_years\s.*FAIL/);
  }, 60_000);

  it('exits 2 on bad input, naming the option', async () => {
    const { err } = capture();
    expect(await main(['targets', DEFAULT_FILE, '--runs', '0'])).toBe(2);
    expect(await main(['targets', DEFAULT_FILE, '--disable', 'M99'])).toBe(2);
    vi.restoreAllMocks();
    expect(err.join('')).toMatch(/--runs/);
    expect(err.join('')).toMatch(/M99/);
  });
});
