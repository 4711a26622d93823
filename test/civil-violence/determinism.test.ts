import { describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/engine/recorder.js';
import { simulate } from '../../src/engine/simulate.js';
import { civilViolence } from '../../src/models/civil-violence/index.js';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
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
