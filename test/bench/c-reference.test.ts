import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { agentsOn } from '../../bench/epstein-run.js';
import { findRoot } from '../../bench/paths.js';
import { buildReference } from '../../bench/reference-build.js';

interface CRun {
  citizens: number;
  cops: number;
  agents: number;
  updatesPerSecond: number;
  updatesPerCpuSecond: number;
  seconds: number;
  cpuSeconds: number;
  final: { quiet: number; active: number; jailed: number };
  mean: { active: number; jailed: number };
  outbursts: { count: number; meanWait: number; meanActivation: number };
}

const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'powderkeg-cref-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(binary: string, ...args: number[]): CRun {
  const r = spawnSync(binary, args.map(String), { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CRun;
}

describe.skipIf(!hasGcc)('the C reference of Epstein Model I', () => {
  const build = buildReference(findRoot(), dir);
  const binary = build.binary ?? '';

  it('compiles', () => {
    expect(build.binary, 'reason' in build ? build.reason : '').not.toBeNull();
  });

  it('places Run 2 densities and keeps every citizen accounted for', () => {
    const r = run(binary, 50, 40, 200, 7);
    expect(r.citizens).toBe(Math.floor(0.7 * 2000));
    expect(r.cops).toBe(Math.floor(0.04 * 2000));
    expect(r.agents).toBe(agentsOn(50, 40));
    expect(r.final.quiet + r.final.active + r.final.jailed).toBe(r.citizens);
    expect(r.updatesPerSecond).toBeGreaterThan(0);
    // One thread: CPU time cannot exceed wall time by more than clock granularity.
    expect(r.cpuSeconds).toBeLessThanOrEqual(r.seconds * 1.05 + 1e-3);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const strip = (r: CRun) => ({ ...r, seconds: 0, cpuSeconds: 0, updatesPerSecond: 0, updatesPerCpuSecond: 0 });
    expect(strip(run(binary, 40, 40, 300, 11))).toEqual(strip(run(binary, 40, 40, 300, 11)));
    expect(strip(run(binary, 40, 40, 300, 11))).not.toEqual(strip(run(binary, 40, 40, 300, 12)));
  });

  // Paper, Run 2: waits between outbursts mean 60 (s.d. 55), activation per outburst mean 708
  // (s.d. 230). One society over 10,000 iterations lands well within these bounds; a wrong rule
  // (no floor in the arrest ratio, no (1 - T) factor, cops that do not jail) falls outside.
  it('reproduces the punctuated equilibrium of the paper at 40 x 40', () => {
    const r = run(binary, 40, 40, 10_000, 2);
    expect(r.outbursts.count).toBeGreaterThan(80);
    expect(r.outbursts.meanWait).toBeGreaterThan(35);
    expect(r.outbursts.meanWait).toBeLessThan(85);
    expect(r.outbursts.meanActivation).toBeGreaterThan(450);
    expect(r.outbursts.meanActivation).toBeLessThan(1000);
    expect(r.mean.jailed).toBeGreaterThan(50);
    expect(r.mean.jailed).toBeLessThan(300);
  });
});
