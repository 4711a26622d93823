import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findRoot } from '../../bench/paths.js';
import type { BenchContext } from '../../bench/section.js';
import { epsteinSection } from '../../bench/sections/epstein.js';

const root = findRoot();
// The section times compiled code in child processes: it needs `npm run build` (done by `npm test`).
const built = existsSync(join(root, 'dist', 'bench', 'epstein-ts-child.js')) && existsSync(join(root, 'dist', 'src', 'models', 'civil-violence', 'index.js'));
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-bench-test-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe.skipIf(!built || !hasGcc)('the Epstein bench section (quick mode)', () => {
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
    expect(table.checks).toHaveLength(1);
    expect(table.checks[0].pass).not.toBeNull();
  }, 60_000);
});
