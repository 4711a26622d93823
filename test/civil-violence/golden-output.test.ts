import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture.js';
import { tempDir } from '../scenario/helpers.js';

/**
 * Golden outputs: the SHA-256 of the CSV bytes `powderkeg run` writes for fixed scenarios and
 * seeds. Recorded from main before the kernel was reworked for speed (2026-12-02); every
 * rework must leave them unchanged (same scenario + seed = same bytes). A changed hash means
 * the runs changed: find out why, never just re-record it.
 */
const CASES: { name: string; scenario: string; args: string[]; sha256: string }[] = [
  { name: 'Run 1, stationary citizens, vision 1.7', scenario: 'run1', args: ['--steps', '200'], sha256: 'b68d02e85461cc7bcb3847fb0746322095f677a9278aac9dcbd5cf0ae18bd857' },
  { name: 'Run 2, the tight loop of the reference rules', scenario: 'run2', args: ['--steps', '300'], sha256: '40f335e5a701b5f64c81df74402ed18d56d9b470e75eff93b1bff20aa02cf6a3' },
  { name: 'Run 2 at 200x200 (16-bit census)', scenario: 'run2', args: ['--steps', '30', '--set', 'grid.width=200', '--set', 'grid.height=200'], sha256: '7454be304275ec06723630aa9441ac4d97697aee5d3562a6469d5dd5272211ff' },
  { name: 'Run 2 at 400x400 (large-grid path)', scenario: 'run2', args: ['--steps', '8', '--set', 'grid.width=400', '--set', 'grid.height=400'], sha256: '80b5275edb3a4f30a6ddbb24c2ad1b78290a455f8b71ccad3b77185d47fdc439' },
  { name: 'Run 2, netlogo rules', scenario: 'run2', args: ['--steps', '200', '--set', 'rules=netlogo'], sha256: '55dac7dde98867021517bb1c7cdf718f581d559e33e89d88ce7de063dfa122cd' },
  { name: 'Run 2, mesa rules', scenario: 'run2', args: ['--steps', '200', '--set', 'rules=mesa'], sha256: '30a97ede8b622a61f0970489435e3323205619bdb42e181fbb31cb3af4cddffa' },
  { name: 'Run 3, legitimacy ramp, Jmax infinite', scenario: 'run3', args: ['--steps', '150'], sha256: '2121462dfbcf55d087ac7913831a1d426c905cd6831b49596235fa41d72b8a24' },
  { name: 'Run 4, legitimacy jump', scenario: 'run4', args: ['--steps', '120'], sha256: '6009624f0c36ea0f47a62c04dcd1c35dc394eddbfd0c4316307b2c973891709b' },
  { name: 'Run 5, cop density ramp', scenario: 'run5', args: ['--steps', '100'], sha256: '61242172d2e0439701d6fc6fe020c1e82f41cde4ee5964e6060bbc0a1e96e1dd' },
  { name: 'Run 6, Model II without cops', scenario: 'run6', args: ['--steps', '150'], sha256: '52b67d52fbd2ab2b3c3b86001d9dbd380bd28015a08317213b80c8573a02f566' },
  { name: 'Run 8, Model II with cops', scenario: 'run8', args: ['--steps', '150'], sha256: '3d4e0535080c97d13d30ae9631969e6c67bea1fefc722eb60e762766816de7c3' },
  { name: 'Run 8, Model II, netlogo rules', scenario: 'run8', args: ['--steps', '100', '--set', 'rules=netlogo'], sha256: '0d3e5df45785cff5dbaad5dafa56939844128290fa32a567df550d3bab6b0b41' },
  { name: 'Run 8, Model II, mesa rules', scenario: 'run8', args: ['--steps', '100', '--set', 'rules=mesa'], sha256: 'c452c067749c44b4c870162f0f563b3ca2a799226073a1524d821af1ee607a46' },
];

const SEED = '20261202';

describe('golden outputs of powderkeg run (civil violence)', () => {
  const dir = tempDir();
  for (const c of CASES) {
    it(`${c.name}: the CSV bytes are unchanged`, async () => {
      const out = join(dir, `${c.name.replace(/\W+/g, '-')}.csv`);
      const r = await runCli(['run', join('scenarios', 'epstein', `${c.scenario}.yaml`), '--seed', SEED, '--out', out, ...c.args]);
      expect(r.code, r.stderr).toBe(0);
      const bytes = readFileSync(out);
      // The series must hold a real run, or the hash would pin nothing.
      const lines = bytes.toString('utf8').trimEnd().split('\n');
      const steps = Number(c.args[c.args.indexOf('--steps') + 1]);
      expect(lines.length).toBeGreaterThanOrEqual(steps);
      expect(new Set(lines.slice(1).map((l) => l.split(',').slice(1).join(','))).size).toBeGreaterThan(1);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
    });
  }
});
