import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Cell } from '../../src/engine/model.js';
import { assemble } from '../../src/models/aftermath/assemble.js';
import { aftermath, type AftermathScenario } from '../../src/models/aftermath/index.js';
import type { Mechanism } from '../../src/models/aftermath/mechanism.js';
import { MECHANISMS } from '../../src/models/aftermath/mechanisms/index.js';
import { AftermathModel } from '../../src/models/aftermath/model.js';
import { TOUCHED, touch } from '../../src/models/aftermath/state.js';
import { TouchedAgents } from '../../src/models/aftermath/touched.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { loadDefault } from './helpers.js';

const SEED_FILE = fileURLToPath(new URL('../../scenarios/kazakhstan-2022-seed.yaml', import.meta.url));

function loadSeedScenario(set: readonly string[]): AftermathScenario {
  return parseScenarioText(readFileSync(SEED_FILE, 'utf8'), SEED_FILE, { models: [aftermath], set }).scenario as AftermathScenario;
}

/** Every national and regional row of every week, and the explosion log. */
function trace(model: AftermathModel, weeks: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < weeks; k++) {
    model.step();
    const row: Cell[] = [];
    model.observe(row);
    out.push(JSON.stringify(row));
    model.observeGroups((g) => out.push(JSON.stringify(g)));
  }
  out.push(JSON.stringify(model.explosions));
  return out;
}

/** Wakes every agent at rest (so it carries its missed fades) and returns the people's columns as bytes, TOUCHED bit aside. */
function peopleBytes(model: AftermathModel): Map<string, Buffer> {
  const w = model.world;
  for (let i = 0; i < w.n; i++) if ((w.flags[i] & TOUCHED) === 0 && w.timer[i] !== 0) touch(w, i);
  const out = new Map<string, Buffer>();
  for (const [name, column] of Object.entries(w.people.columns as unknown as Record<string, ArrayLike<number> & ArrayBufferView>)) {
    const copy = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
    out.set(name, name === 'flags' ? Buffer.from(Uint8Array.from(copy, (f) => f & ~TOUCHED)) : name === 'timer' ? Buffer.alloc(0) : copy);
  }
  return out;
}

function firstDifference(a: readonly string[], b: readonly string[]): string | null {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if (a[k] !== b[k]) return `line ${k}:\n awake ${a[k]}\n rest  ${b[k]}`;
  return null;
}

const CASES: { name: string; sc: () => AftermathScenario; seed: number; disable?: string[]; shock?: boolean }[] = [
  { name: 'default scenario', sc: () => loadDefault(['scale=250', 'burnIn=600']), seed: 3 },
  { name: 'the seed scenario', sc: () => loadSeedScenario(['scale=250']), seed: 5 },
  { name: 'default, M5 and M9 off', sc: () => loadDefault(['scale=250', 'burnIn=600']), seed: 7, disable: ['M5', 'M9'] },
  {
    name: 'default, a hardship shock and falling legitimacy',
    sc: () =>
      loadDefault([
        'scale=250',
        'burnIn=600',
        'interventions=[{type: hardship, date: 2023-06-05, factor: 1.3, weeks: 30}, {type: legitimacy, date: 2023-09-04, change: -0.03}, {type: spark, date: 2024-03-04, regions: [mangystau], size: 60, reach: 4000}]',
      ]),
    seed: 11,
    shock: true,
  },
];

describe('agents at rest', () => {
  for (const c of CASES) {
    it(`change no number of a run (${c.name}): every weekly row equals the run where nobody rests`, () => {
      const sc = c.sc();
      const weeks = Math.min(sc.horizon, 312);
      const awake = new AftermathModel(sc, c.seed, { rest: false, disable: c.disable });
      const resting = new AftermathModel(sc, c.seed, { rest: true, disable: c.disable });
      const a = trace(awake, weeks);
      const b = trace(resting, weeks);
      expect(firstDifference(a, b)).toBeNull();
      // Not vacuous: many rested, and rests ended in every way a week allows.
      expect(resting.world.touched.size).toBeLessThan(0.4 * awake.world.touched.size);
      const wakes = resting.wakes;
      // Agents carrying harm rested too, and their keys woke some as legitimacy moved.
      expect(wakes.legitimacy).toBeGreaterThan(50);
      if (c.shock) expect(wakes.factor).toBeGreaterThan(0);
      expect(wakes.outside).toBeGreaterThan(100);
      expect(wakes.ahead + wakes.behind).toBeGreaterThan(0);
      // And every agent ends in the same state, to the bit (timer aside: it holds the rest marks).
      const pa = peopleBytes(awake);
      const pb = peopleBytes(resting);
      for (const [name, bytes] of pa) expect(pb.get(name)?.equals(bytes), name).toBe(true);
    }, 120_000);
  }

  it('nobody rests when a mechanism acts on each agent but cannot say when it is quiet', () => {
    const loud: Mechanism = { id: 'M12', name: 'loud', description: 'draws for every free agent', params: z.strictObject({}), on: { exit: () => {} } };
    const sc = loadDefault(['scale=1000']);
    expect(assemble([...MECHANISMS, loud], [], sc).quiet).toBeNull();
    expect(assemble(MECHANISMS, [], sc).quiet).toHaveLength(4);
  });
});

describe('TouchedAgents', () => {
  function agents(n: number) {
    const flags = new Uint8Array(n);
    const timer = new Uint16Array(n);
    const bonus = new Float32Array(n);
    const loss = new Float32Array(n);
    return { flags, timer, bonus, loss, list: new TouchedAgents(flags, timer, bonus, loss, 52, 4) };
  }

  it('a woken agent carries exactly the fades it missed, one float32 product per week', () => {
    const { timer, bonus, loss, list } = agents(4);
    const fade = Math.pow(0.5, 1 / 52);
    bonus[2] = 0.3;
    loss[2] = 0.01;
    list.add(2);
    const weekly = new Float32Array(2);
    weekly[0] = 0.3;
    weekly[1] = 0.01;
    // Week 1: visited (faded by the caller, as the sweep does) and put to rest.
    list.begin();
    list.visit((i) => {
      bonus[i] *= fade;
      loss[i] *= fade;
      list.rest(i);
      return false;
    });
    weekly[0] *= fade;
    weekly[1] *= fade;
    expect(timer[2]).not.toBe(0);
    // Weeks 2-40 at rest: nobody visits it, and its values stay as they were.
    for (let k = 2; k <= 40; k++) {
      list.begin();
      list.visit(() => true);
      weekly[0] *= fade;
      weekly[1] *= fade;
    }
    expect(bonus[2]).toBe(Math.fround(Math.fround(0.3) * fade));
    list.add(2);
    expect(timer[2]).toBe(0);
    expect(bonus[2]).toBe(weekly[0]);
    expect(loss[2]).toBe(weekly[1]);
    expect(list.wakes.outside).toBe(1);
  });

  it('visits in ascending id order, with agents woken ahead of the cursor in their place', () => {
    const { flags, timer, list } = agents(100);
    for (const i of [50, 10, 30]) list.add(i);
    // 40 and 60 rested in an earlier sweep.
    list.begin();
    list.visit(() => true);
    timer[40] = 1;
    timer[60] = 1;
    const seen: number[] = [];
    list.begin();
    list.visit((i) => {
      seen.push(i);
      if (i === 30) {
        flags[60] = 8;
        list.add(60); // ahead of 30: visited after 50
        flags[20] = 8;
        list.add(20); // first touched this week: visited at the end
      }
      if (i === 50) {
        flags[40] = 8;
        list.add(40); // behind 50: its week is over, visited from next week
      }
      return true;
    });
    expect(seen).toEqual([10, 30, 50, 60, 20]);
    expect(list.wakes).toEqual({ outside: 0, ahead: 1, behind: 1 });
    const next: number[] = [];
    list.begin();
    list.visit((i) => {
      next.push(i);
      return true;
    });
    expect(next).toEqual([10, 20, 30, 40, 50, 60]);
  });
});
