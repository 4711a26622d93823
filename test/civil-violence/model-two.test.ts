import { describe, expect, it } from 'vitest';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import type { CivilViolenceScenario } from '../../src/models/civil-violence/schema.js';
import { citizenTurn } from '../../src/models/civil-violence/citizen.js';
import { interGroupTurn } from '../../src/models/civil-violence/model-two.js';
import { ACTIVE, BLUE, GREEN } from '../../src/models/civil-violence/world.js';
import { citizenAt, emptyLattice, paperRun } from './lattice-builder.js';

/** Iterations until one group is extinct (or `cap` if none is). */
function timeToGenocide(s: CivilViolenceScenario, seed: number, cap: number): { time: number; winner: string } {
  const m = new CivilViolenceModel(s, seed);
  const row: (number | string)[] = [];
  for (let t = 1; t <= cap; t++) {
    m.step();
    m.observe(row);
    if (row[0] === 0) return { time: t, winner: 'green' };
    if (row[1] === 0) return { time: t, winner: 'blue' };
  }
  return { time: cap, winner: 'none' };
}

describe('Model II rules on a hand-built lattice', () => {
  it('an active citizen kills the nearest citizen of the other group among its 8 neighbours and takes its cell', () => {
    const { w } = emptyLattice({
      variant: 'II',
      cops: { density: 0 },
      legitimacy: 0.5,
      vision: { citizen: 1.7, cop: 1.7 },
      reproduction: { probability: 0 },
      citizens_move: false,
    });
    const killer = citizenAt(w, 10, 10, { hardship: 1, group: BLUE });
    const diagonal = citizenAt(w, 11, 11, { hardship: 0, group: GREEN });
    const orthogonal = citizenAt(w, 10, 11, { hardship: 0, group: GREEN });
    const friend = citizenAt(w, 9, 10, { hardship: 0, group: BLUE });
    const before = w.nKilled;
    citizenTurn(w, killer);
    expect(w.state[killer]).toBe(ACTIVE);
    interGroupTurn(w, killer);
    expect(w.nKilled).toBe(before + 1);
    // The orthogonal neighbour is nearer (1 < sqrt 2); the own group is spared.
    expect(w.store.isAlive(orthogonal)).toBe(false);
    expect(w.store.isAlive(diagonal)).toBe(true);
    expect(w.store.isAlive(friend)).toBe(true);
    expect(w.cell[killer]).toBe(w.torus.cell(10, 11));
  });

  it('without anyone of the other group in vision, a citizen stays quiet however aggrieved', () => {
    const { w } = emptyLattice({ variant: 'II', cops: { density: 0 }, legitimacy: 0, vision: { citizen: 1.7, cop: 1.7 }, citizens_move: false });
    const me = citizenAt(w, 10, 10, { hardship: 1, group: GREEN });
    citizenAt(w, 11, 10, { hardship: 0, group: GREEN });
    citizenAt(w, 13, 10, { hardship: 0, group: BLUE }); // distance 3: out of sight
    citizenTurn(w, me);
    expect(w.state[me]).not.toBe(ACTIVE);
  });

  it('agents age, in jail too, and die past the maximum age; copies inherit group and traits', () => {
    const { w } = emptyLattice({ variant: 'II', cops: { density: 0 }, legitimacy: 1, age: { max: 3 }, reproduction: { probability: 1 } });
    const parent = citizenAt(w, 10, 10, { hardship: 0.3, risk: 0.7, group: GREEN });
    w.age[parent] = 0;
    interGroupTurn(w, parent);
    expect(w.nCitizens).toBe(2);
    const child = [...Array(w.store.highWater).keys()].find((id) => id !== parent && w.store.isAlive(id))!;
    expect(w.group[child]).toBe(GREEN);
    expect(w.hardship[child]).toBe(0.3);
    expect(w.riskAversion[child]).toBe(0.7);
    expect(w.age[child]).toBe(0);
    for (let t = 0; t < 3; t++) interGroupTurn(w, parent);
    expect(w.store.isAlive(parent)).toBe(false);
  });
});

describe('Model II runs (Figs. 12-14)', () => {
  it('Run 6: legitimacy 0.9, no cops: the groups coexist, nobody is killed', () => {
    for (const seed of [1, 2]) {
      const m = new CivilViolenceModel(paperRun(6), seed);
      const row: (number | string)[] = [];
      for (let t = 0; t < 500; t++) m.step();
      m.observe(row);
      const [blue, green, , , killed] = row as number[];
      expect(killed).toBe(0);
      expect(Math.min(blue, green) / (blue + green)).toBeGreaterThan(0.3);
    }
  });

  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const withoutCops = seeds.map((s) => timeToGenocide(paperRun(7), s, 3000));
  const withCops = seeds.map((s) => timeToGenocide(paperRun(8), s, 3000));

  it('Run 7: legitimacy 0.8, no cops: genocide in every run, the victor random', () => {
    for (const r of withoutCops) expect(r.winner).not.toBe('none');
    const winners = new Set(withoutCops.map((r) => r.winner));
    expect(winners).toEqual(new Set(['blue', 'green']));
  });

  it('Run 8: cops delay genocide, and make its timing more spread out', () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
    const a = withoutCops.map((r) => r.time);
    const b = withCops.map((r) => r.time);
    expect(mean(b)).toBeGreaterThan(2 * mean(a));
    expect(sd(b)).toBeGreaterThan(sd(a));
  });

  it('Run 8: withdrawing the cops brings genocide soon after', () => {
    // Seed 6 is the run in which the cops kept the peace for all 3,000 iterations.
    expect(withCops[5].winner).toBe('none');
    const s = paperRun(8, { schedule: [{ param: 'cops.density', at: 200, value: 0 }] });
    const r = timeToGenocide(s, 6, 3000);
    expect(r.winner).not.toBe('none');
    expect(r.time).toBeLessThan(200 + 1000);
  });
});
