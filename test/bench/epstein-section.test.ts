import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRoot } from '../../bench/paths.js';
import type { BenchContext } from '../../bench/section.js';
import { epsteinSection } from '../../bench/sections/epstein.js';
import { requireBuilt } from './built.js';

const root = findRoot();
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-bench-test-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe.skipIf(!hasGcc)('the Epstein bench section (quick mode)', () => {
  // The section times compiled code in child processes: build it, or fail saying what is missing.
  beforeAll(() => requireBuilt('bench/epstein-ts-child.js', 'src/models/civil-violence/index.js', 'src/cli/main.js'));

  it('times both implementations and they agree on the mean counts at 200 x 200', async () => {
    const ctx: BenchContext = { quick: true, rounds: 1, root, tmpDir, log: () => undefined };
    const table = await epsteinSection.run(ctx);
    expect(table.rows.map((r) => r.size)).toEqual(['40x40', '200x200']);
    const big = table.rows[1];
    for (const key of ['tsUpdatesPerSecond', 'cUpdatesPerSecond', 'tsUpdatesPerCpuSecond', 'cUpdatesPerCpuSecond', 'tsBytesPerAgent', 'cBytesPerAgent']) {
      expect(big[key], key).toBeGreaterThan(0);
    }
    expect(big.ratio).toBeCloseTo((big.tsUpdatesPerCpuSecond as number) / (big.cUpdatesPerCpuSecond as number), 10);
    expect(big.wallRatio).toBeCloseTo((big.tsUpdatesPerSecond as number) / (big.cUpdatesPerSecond as number), 10);
    // Over 100 steps at 200 x 200 the mean counts vary little between seeds (C, 20 seeds: s.d.
    // 3.7 % for actives, 2 % for jailed), so two correct implementations of the same rules, with
    // different random streams, land close; a changed rule (e.g. no (1 - T) factor) does not.
    const gap = (a: unknown, b: unknown) => Math.abs((a as number) - (b as number)) / (b as number);
    expect(gap(big.tsMeanActive, big.cMeanActive)).toBeLessThan(0.15);
    expect(gap(big.tsMeanJailed, big.cMeanJailed)).toBeLessThan(0.1);
    // Whole processes too: `powderkeg run` against the C binary, same grid and steps.
    expect(big.tsWholeSeconds).toBeGreaterThan(0);
    expect(big.wholeRatio).toBeCloseTo((big.cWholeSeconds as number) / (big.tsWholeSeconds as number), 10);
    expect(table.checks.map((c) => c.name)).toEqual([
      'TS/C steps only (wall) at 40x40',
      'TS/C steps only (CPU) at 40x40',
      'TS/C steps only (wall) at 200x200',
      'TS/C steps only (CPU) at 200x200',
      'TS/C whole process (wall), 200x200 x 100 steps',
      'TS/C whole process (CPU), 200x200 x 100 steps',
      'bytes per agent TS/C at 200x200',
    ]);
    for (const c of table.checks) expect(c.pass, c.name).not.toBeNull();
  }, 120_000);
});
