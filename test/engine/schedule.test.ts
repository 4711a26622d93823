import { describe, expect, it } from 'vitest';
import { ActivationOrder, ParameterSchedule, type ParameterChange } from '../../src/engine/schedule.js';
import { Rng } from '../../src/engine/random.js';

function run(changes: ParameterChange[], start: Record<string, number>, steps: number): Record<string, number[]> {
  const values = { ...start };
  const s = new ParameterSchedule(changes);
  const out: Record<string, number[]> = Object.fromEntries(Object.keys(start).map((k) => [k, []]));
  for (let t = 0; t <= steps; t++) {
    s.apply(t, (p) => values[p], (p, v) => (values[p] = v));
    for (const k of Object.keys(values)) out[k].push(values[k]);
  }
  return out;
}

describe('ParameterSchedule', () => {
  it('jumps to a value at a step', () => {
    const v = run([{ param: 'L', at: 75, value: 0.65 }], { L: 0.9 }, 80).L;
    expect(v[74]).toBe(0.9);
    expect(v[75]).toBe(0.65);
    expect(v[80]).toBe(0.65);
  });

  it('ramps 0.01 every 3 steps from 0.9 down to exactly 0, then stays', () => {
    const v = run([{ param: 'L', from: 0, every: 3, by: -0.01, until: 0 }], { L: 0.9 }, 300).L;
    expect(v[0]).toBe(0.9);
    expect(v[2]).toBe(0.9);
    expect(v[3]).toBe(0.89);
    expect(v[150]).toBe(0.4);
    expect(v[270]).toBe(0);
    expect(v[300]).toBe(0);
    expect(Math.min(...v)).toBe(0);
  });

  it('a jump at 0 then a ramp from there (Run 5: cops set to 0.06, then -0.001 per step)', () => {
    const v = run(
      [
        { param: 'cops', at: 0, value: 0.06 },
        { param: 'cops', from: 0, every: 1, by: -0.001, until: 0 },
      ],
      { cops: 0.074 },
      80,
    ).cops;
    expect(v[0]).toBe(0.06);
    expect(v[1]).toBe(0.059);
    expect(v[30]).toBe(0.03);
    expect(v[60]).toBe(0);
    expect(v[80]).toBe(0);
  });

  it('rejects a ramp that never advances', () => {
    expect(() => new ParameterSchedule([{ param: 'L', from: 0, every: 0, by: 1, until: 2 }])).toThrow();
  });
});

describe('ActivationOrder', () => {
  const alive = new Uint8Array([1, 1, 0, 1, 1, 1, 1, 0]);
  const kind = new Uint8Array([0, 1, 0, 0, 1, 0, 0, 1]);

  it('grouped: every live id of block 0, then block 1, each a permutation', () => {
    const o = new ActivationOrder(2);
    o.rebuild(alive, alive.length, kind);
    const rng = new Rng(3);
    const firsts = new Set<number>();
    for (let t = 0; t < 200; t++) {
      o.shuffle(rng);
      const ids = [...o.ids.subarray(0, o.length)];
      expect(ids.slice(0, o.bounds[1]).sort()).toEqual([0, 3, 5, 6]);
      expect(ids.slice(o.bounds[1]).sort()).toEqual([1, 4]);
      firsts.add(ids[0]);
    }
    expect(firsts.size).toBe(4);
  });

  it('single: one shuffled order of all live agents', () => {
    const o = new ActivationOrder(1);
    o.rebuild(alive, alive.length);
    const rng = new Rng(5);
    const firsts = new Set<number>();
    for (let t = 0; t < 300; t++) {
      o.shuffle(rng);
      expect([...o.ids.subarray(0, o.length)].sort()).toEqual([0, 1, 3, 4, 5, 6]);
      firsts.add(o.ids[0]);
    }
    expect(firsts.size).toBe(6);
  });
});
