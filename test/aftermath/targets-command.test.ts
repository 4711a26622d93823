import { afterEach, describe, expect, it, vi } from 'vitest';
import { Command } from 'commander';
import { register } from '../../src/cli/commands/targets.js';
import { ExitRequest } from '../../src/cli/exit-request.js';
import { formatProblem, isUserError } from '../../src/scenario/errors.js';
import { evaluateTargets, overlaps, quantile, stepAt } from '../../src/experiment/targets.js';
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
  it('holds when the observed range overlaps the 90 % interval of the runs, whatever the mean', () => {
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
    expect(a.low).toBeCloseTo(1.1, 12);
    expect(a.high).toBeCloseTo(2.9, 12);
    expect(a.pass).toBe(true);
    expect(a.role).toBe('calibration');
    expect(b.mean).toBe(3);
    expect(b.pass).toBe(true);
    const judge = (min?: number, max?: number) => evaluateTargets({ ...sc, targets: [{ ...sc.targets[0], min, max, role: 'validation' as const }] }, runs)[0];
    // The mean (2) is outside [2.5, 4], but the interval [1.1, 2.9] reaches into it.
    expect(judge(2.5, 4).pass).toBe(true);
    expect(judge(2.5, 4).role).toBe('validation');
    // The mean (2) is outside [0, 1.5]; the interval reaches 1.1 <= 1.5.
    expect(judge(0, 1.5).pass).toBe(true);
    // Ranges that miss the interval on either side, closed or open.
    expect(judge(3, 5).pass).toBe(false);
    expect(judge(0, 1).pass).toBe(false);
    expect(judge(2.95).pass).toBe(false);
    expect(judge(undefined, 1.05).pass).toBe(false);
    expect(judge(undefined, 1.2).pass).toBe(true);
    expect(overlaps({ low: 1, high: 2 }, 2, 3)).toBe(true);
    expect(overlaps({ low: Number.NaN, high: 2 }, 0, 3)).toBe(false);
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
  it('exits 0 when every target of the data scenario holds, with a JSON report', async () => {
    const { out } = capture();
    // Its targets are all in 2022: a year is enough.
    const code = await main(['targets', DEFAULT_FILE, '--runs', '4', '--set', 'horizon=53', '--json']);
    vi.restoreAllMocks();
    const report = JSON.parse(out.join(''));
    expect(report.targets.filter((t: { pass: boolean }) => !t.pass).map((t: { id: string }) => t.id)).toEqual([]);
    expect(code).toBe(0);
    expect(report.targets).toHaveLength(5);
    // Every 2022 figure is a calibration target; the convictions published in January 2023 are a check.
    const roles = Object.fromEntries(report.targets.map((t: { id: string; role: string }) => [t.id, t.role]));
    expect(roles).toMatchObject({ detained_january: 'calibration', convicted_first_year: 'validation' });
  }, 120_000);

  it('exits 1 when a target fails (cells for a hundred a week cannot hold ten thousand detained)', async () => {
    const { out } = capture();
    const code = await main(['targets', DEFAULT_FILE, '--runs', '2', '--set', 'scale=400', '--set', 'burnIn=0', '--set', 'horizon=53', '--set', 'mechanisms.M2.capacity=100']);
    vi.restoreAllMocks();
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/detained_january\s.*FAIL/);
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
