import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/engine/recorder.js';
import { simulate } from '../../src/engine/simulate.js';
import { civilViolence } from '../../src/models/civil-violence/index.js';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { JAILED } from '../../src/models/civil-violence/world.js';
import { paperRun } from './lattice-builder.js';

async function rows(n: number, seed: number, steps: number, changes: Record<string, unknown> = {}): Promise<string> {
  const sink = new MemorySink();
  await simulate(civilViolence.create(paperRun(n, changes), seed), { steps, sink });
  return JSON.stringify(sink.rows);
}

describe('determinism', () => {
  for (const rules of ['epstein2002', 'netlogo', 'mesa'] as const) {
    it(`${rules}: same scenario and seed give identical series; another seed differs`, async () => {
      const a = await rows(2, 42, 300, { rules });
      expect(await rows(2, 42, 300, { rules })).toBe(a);
      expect(await rows(2, 43, 300, { rules })).not.toBe(a);
    });
  }

  it('Model II with births and deaths is deterministic too', async () => {
    const a = await rows(8, 5, 300);
    expect(await rows(8, 5, 300)).toBe(a);
    expect(await rows(8, 6, 300)).not.toBe(a);
  });

  it("the reference rules' tight loop gives exactly the general rules' run", () => {
    for (const n of [2, 3, 5]) {
      const fast = new CivilViolenceModel(paperRun(n), 9);
      const general = new CivilViolenceModel(paperRun(n), 9, { general: true });
      const a: (number | string)[] = [];
      const b: (number | string)[] = [];
      for (let t = 0; t < 400; t++) {
        fast.step();
        general.step();
        fast.observe(a);
        general.observe(b);
        expect(a).toEqual(b);
      }
      expect(fast.snapshot()).toEqual(general.snapshot());
    }
  });

  it('the columns are the documented ones', () => {
    expect(civilViolence.create(paperRun(2), 1).columns.map((c) => c.name)).toEqual(['quiet', 'active', 'jailed', 'cops', 'tension', 'legitimacy']);
    expect(civilViolence.create(paperRun(7), 1).columns.map((c) => c.name).slice(0, 6)).toEqual(['blue', 'green', 'active', 'jailed', 'killed', 'cops']);
  });
});

describe('odd grids', () => {
  it('runs on tiny and narrow tori under every rule set without losing track of anyone', () => {
    for (const rules of ['epstein2002', 'netlogo', 'mesa'] as const) {
      for (const grid of [{ width: 2, height: 2 }, { width: 1, height: 9 }, { width: 5, height: 60 }]) {
        const m = new CivilViolenceModel(paperRun(2, { rules, grid, legitimacy: 0.5 }), 1);
        const row: (number | string)[] = [];
        for (let t = 0; t < 50; t++) m.step();
        m.observe(row);
        const [quiet, active, jailed] = row as number[];
        expect(quiet + active + jailed).toBe(m.world.nCitizens);
        let censusActives = 0;
        for (let c = 0; c < m.world.cells; c++) censusActives += m.world.census.get(c) & m.world.activeMask;
        expect(censusActives).toBe(active);
        // Each agent stands on a real cell of the grid, or is in jail off it holding its arrest
        // cell bitwise negated (so that the arrest cell is a real cell too).
        for (let id = 0; id < m.world.store.highWater; id++) {
          const c = m.world.cell[id];
          const onGrid = c >= 0 ? c : ~c;
          expect(Number.isInteger(c) && onGrid < m.world.cells).toBe(true);
          if (c < 0) expect(m.world.state[id]).toBe(JAILED);
        }
      }
    }
  });
});
