import { describe, expect, it } from 'vitest';
import { runCli } from './capture.js';

// The shipped scenario without its shock (no wave, no timeline), small and short.
const NO_SHOCK = ['scenarios/kazakhstan-2022.yaml', '--disable', 'M1', '--set', 'interventions=[]', '--set', 'scale=500', '--steps', '312'];
// The same without the burn-in and with radicals who never leave: the radical army starts empty and fills.
const DRIFTING = [...NO_SHOCK, '--set', 'burnIn=0', '--set', 'mechanisms.M9.disengageRate=0'];

describe('powderkeg stationarity', () => {
  it('exits 1 and names the drifting stocks of a world that drifts without its shock', async () => {
    const r = await runCli(['stationarity', ...DRIFTING, '--runs', '4', '--columns', 'army_radical,prisoners_crew', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.runs).toBe(4);
    expect(out.steps).toBe(312);
    const byName = Object.fromEntries(out.rows.map((row: { column: string }) => [row.column, row]));
    // Radicals start at none and are made from released sect members: they can only grow.
    expect(byName.army_radical.verdict).toBe('drifts');
    expect(byName.army_radical.late).toBeGreaterThan(byName.army_radical.early);
    // No armed prisoner without the wave: 0 throughout is level.
    expect(byName.prisoners_crew.verdict).toBe('level');
    expect(out.stationary).toBe(false);
  });

  it('prints a table with a verdict per stock and what the verdicts mean', async () => {
    const r = await runCli(['stationarity', ...DRIFTING, '--runs', '4', '--columns', 'army_radical,prisoners']);
    expect(r.stdout).toMatch(/army_radical .* drifts/);
    expect(r.stdout).toMatch(/4 runs of 312 steps: \d level, \d drift, \d unclear/);
  });

  it('refuses unknown indicators and bad options with exit 2, naming them', async () => {
    const r = await runCli(['stationarity', ...NO_SHOCK, '--columns', 'army_radicals', '--window', '0.7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--window: expected a share in \(0, 0.5\]/);
    const s = await runCli(['stationarity', ...NO_SHOCK, '--columns', 'army_radicals']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/unknown indicator "army_radicals"/);
  });
});
