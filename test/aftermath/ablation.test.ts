import { beforeAll, describe, expect, it } from 'vitest';
import type { AftermathScenario } from '../../src/models/aftermath/index.js';
import { at, loadDefault, mean, run, type Run } from './helpers.js';

/**
 * Switching each mechanism off moves the indicator it drives the expected way: the default
 * scenario at 200 people per agent (to keep the suite fast), three seeds, five years (ten for
 * the bomb, at 400 per agent), compared on ensemble means.
 */
const SEEDS = [1, 2, 3];
const FIVE_YEARS = 261;
const sc = loadDefault(['scale=200', 'burnIn=0']);
const base: Run[] = [];
const cache = new Map<string, Run[]>();

async function ensemble(scenario: AftermathScenario, disable: string[], steps = FIVE_YEARS): Promise<Run[]> {
  const out: Run[] = [];
  for (const s of SEEDS) out.push(await run(scenario, s, disable, steps));
  return out;
}
async function off(id: string): Promise<Run[]> {
  if (!cache.has(id)) cache.set(id, await ensemble(sc, [id]));
  return cache.get(id)!;
}
const avg = (runs: Run[], column: string, step: number) => mean(runs.map((r) => at(r, column, step)));

beforeAll(async () => {
  base.push(...(await ensemble(sc, [])));
}, 240_000);

describe('ablation: each mechanism switched off', () => {
  it('M1 off: no January wave, so almost nobody is detained or affected', async () => {
    const r = await off('M1');
    expect(avg(r, 'detained', 4)).toBeLessThan(0.05 * avg(base, 'detained', 4));
    expect(avg(r, 'affected', 4)).toBeLessThan(0.05 * avg(base, 'affected', 4));
  });

  it('M2 off: no funnel, so no unrecorded stops and far fewer directly affected', async () => {
    const r = await off('M2');
    expect(avg(r, 'stopped_unrecorded', 4)).toBe(0);
    expect(avg(base, 'stopped_unrecorded', 4)).toBeGreaterThan(30000);
    expect(avg(r, 'affected_direct', 4)).toBeLessThan(0.05 * avg(base, 'affected_direct', 4));
  });

  it('M3 off: evidence no longer protects the armed, so more of them are convicted', async () => {
    const r = await off('M3');
    const armedShare = (runs: Run[]) => avg(runs, 'convicted_armed', 104) / avg(runs, 'convicted', 104);
    expect(armedShare(r)).toBeGreaterThan(1.3 * armedShare(base));
  });

  it('M4 off: no indirectly affected and fewer protest-minded', async () => {
    const r = await off('M4');
    expect(avg(r, 'affected_indirect', 4)).toBe(0);
    expect(avg(base, 'affected_indirect', 4)).toBeGreaterThan(100000);
    expect(avg(r, 'protest_minded', 104)).toBeLessThan(avg(base, 'protest_minded', 104));
  });

  it('M5 off: no outcasts and fewer protest-minded', async () => {
    const r = await off('M5');
    expect(avg(r, 'outcasts', 52)).toBe(0);
    expect(avg(base, 'outcasts', 52)).toBeGreaterThan(20000);
    expect(avg(r, 'protest_minded', FIVE_YEARS)).toBeLessThan(0.8 * avg(base, 'protest_minded', FIVE_YEARS));
  });

  it('M6 off: legitimacy holds and the protest-minded grow far less', async () => {
    const r = await off('M6');
    expect(avg(r, 'legitimacy', FIVE_YEARS)).toBeGreaterThan(avg(base, 'legitimacy', FIVE_YEARS));
    const growth = (runs: Run[]) => avg(runs, 'protest_minded', FIVE_YEARS) / avg(runs, 'protest_minded', 0);
    expect(growth(r)).toBeLessThan(0.6 * growth(base));
  });

  it('M7 off: fewer organisers and a shorter extremist list', async () => {
    const r = await off('M7');
    expect(avg(r, 'organisers', FIVE_YEARS)).toBeLessThan(0.5 * avg(base, 'organisers', FIVE_YEARS));
    expect(avg(r, 'extremist_list', FIVE_YEARS)).toBeLessThan(0.5 * avg(base, 'extremist_list', FIVE_YEARS));
  });

  it('M8 off: no sect recruitment in prison and a smaller radical army', async () => {
    const r = await off('M8');
    expect(avg(r, 'sect_recruits', 156)).toBe(0);
    expect(avg(base, 'sect_recruits', 156)).toBeGreaterThan(1000);
    expect(avg(r, 'army_radical', FIVE_YEARS)).toBeLessThan(avg(base, 'army_radical', FIVE_YEARS));
  });

  it('M9 off: no armies and a shorter list', async () => {
    const r = await off('M9');
    expect(avg(r, 'army_peaceful', FIVE_YEARS) + avg(r, 'army_radical', FIVE_YEARS)).toBe(0);
    expect(avg(base, 'army_peaceful', FIVE_YEARS)).toBeGreaterThan(10000);
    expect(avg(r, 'extremist_list', FIVE_YEARS)).toBeLessThan(avg(base, 'extremist_list', FIVE_YEARS));
  });

  it('M10: off, nobody leaves; with the valve open ("the Belarus way"), more leave and pressure falls', async () => {
    const r = await off('M10');
    expect(avg(r, 'emigrated', FIVE_YEARS)).toBe(0);
    const open = structuredClone(sc);
    open.mechanisms.M10.attemptRate = 0.02;
    for (const d of open.mechanisms.M10.destinations) Object.assign(d, { acceptance: 0.95, asylum: 0.95, cost: 0, danger: 0 });
    const belarus = await ensemble(open, []);
    expect(avg(belarus, 'emigrants', FIVE_YEARS)).toBeGreaterThan(5 * avg(base, 'emigrants', FIVE_YEARS));
    expect(avg(belarus, 'protest_minded', FIVE_YEARS)).toBeLessThan(avg(base, 'protest_minded', FIVE_YEARS));
    expect(avg(belarus, 'outcasts', FIVE_YEARS)).toBeLessThan(avg(base, 'outcasts', FIVE_YEARS));
  }, 120_000);

  it('M11 off: explosions still happen where legitimacy has eroded, but no crackdown answers them', async () => {
    // Near the edge (legitimacy 0.02 lower from the second week), coarse scale, no wave: the
    // explosions come from the eroded legitimacy itself; M11 is what answers them with the funnel.
    const edge = loadDefault(['scale=1000', 'burnIn=0', 'interventions=[{type: legitimacy, date: "2022-01-10", change: -0.02}]', 'mechanisms.M11.sparkRate=0.05']);
    const on = await ensemble(edge, ['M1'], 104);
    const without = await ensemble(edge, ['M1', 'M11'], 104);
    expect(avg(on, 'explosions', 104)).toBeGreaterThan(0.5);
    expect(avg(without, 'explosions', 104)).toBeGreaterThan(0);
    // Only a crackdown stops people off the record and kills; routine arrests do neither.
    expect(avg(on, 'stopped_unrecorded', 104)).toBeGreaterThan(0);
    expect(avg(without, 'stopped_unrecorded', 104)).toBe(0);
    expect(avg(without, 'killed', 104)).toBe(0);
  }, 120_000);
});
