import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRoot } from '../../bench/paths.js';
import type { BenchContext } from '../../bench/section.js';
import { mesaSection } from '../../bench/sections/mesa.js';
import { startupSection } from '../../bench/sections/startup.js';
import { commands } from '../../src/cli/commands/index.js';
import { requireBuilt } from './built.js';

const root = findRoot();
const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-bench-startup-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));
const ctx: BenchContext = { quick: true, rounds: 1, root, tmpDir, log: () => undefined };

describe('the start-up and Mesa bench sections', () => {
  beforeAll(() => requireBuilt('src/cli/main.js'));

  it('times --version, --help, validate and every command of the table, against bare node', async () => {
    const table = await startupSection.run(ctx);
    expect(table.rows.map((r) => r.command)).toEqual(['node -e 0', '--version', '--help', 'validate scenarios/epstein/run1.yaml', 'validate scenarios/kazakhstan-2022.yaml', ...commands.map((c) => `${c.name} --help`)]);
    for (const r of table.rows) expect(r.seconds as number).toBeGreaterThan(0);
    // The goals: --version and validate of the Kazakhstan scenario, each a PASS or a MISS.
    expect(table.checks.map((c) => c.name)).toEqual(['powderkeg --version (wall, whole process)', 'powderkeg validate scenarios/kazakhstan-2022.yaml (wall, whole process)']);
    expect(table.checks.map((c) => typeof c.pass)).toEqual(['boolean', 'boolean']);
    // It times what the bin runs: the bundle, not tsc's dist/src.
    expect(table.title).toContain('dist/bundle/main.js');
  }, 120_000);

  it('measures Mesa or says loudly that it did not', async () => {
    const table = await mesaSection.run(ctx);
    expect(table.checks).toHaveLength(1);
    if (table.rows.length === 0) {
      expect(table.notes.join('\n')).toMatch(/MESA NOT MEASURED/);
      expect(table.checks[0].pass).toBeNull();
    } else expect(typeof table.checks[0].pass).toBe('boolean');
  }, 600_000);
});
