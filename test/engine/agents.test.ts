import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/engine/agents.js';

describe('AgentStore (structure of arrays)', () => {
  it('adds agents with zeroed typed columns and grows without losing values', () => {
    const s = new AgentStore({ wealth: 'f64', age: 'i32', flag: 'u8' }, 2);
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) {
      const id = s.add();
      s.columns.wealth[id] = i + 0.5;
      s.columns.age[id] = -i - 1;
      ids.push(id);
    }
    expect(s.count).toBe(100);
    expect(s.capacity).toBeGreaterThanOrEqual(100);
    expect(s.generation).toBeGreaterThan(0);
    expect(s.columns.wealth).toBeInstanceOf(Float64Array);
    expect(s.columns.flag).toBeInstanceOf(Uint8Array);
    for (let i = 0; i < 100; i++) {
      expect(s.columns.wealth[ids[i]]).toBe(i + 0.5);
      expect(s.columns.age[ids[i]]).toBe(-i - 1);
    }
  });

  it('keeps ids stable and reuses a dead slot only after recycle()', () => {
    const s = new AgentStore({ x: 'i32' }, 4);
    const a = s.add();
    const b = s.add();
    s.columns.x[a] = 7;
    s.columns.x[b] = 9;
    s.remove(a);
    expect(s.isAlive(a)).toBe(false);
    expect(s.count).toBe(1);
    // During the same step a birth must not take the dead agent's id.
    const c = s.add();
    expect(c).not.toBe(a);
    expect(s.columns.x[b]).toBe(9);
    s.recycle();
    const d = s.add();
    expect(d).toBe(a);
    expect(s.columns.x[d]).toBe(0);
  });

  it('lists live ids and refuses to remove a dead agent twice', () => {
    const s = new AgentStore({ x: 'u8' });
    for (let i = 0; i < 5; i++) s.add();
    s.remove(1);
    s.remove(3);
    const out = new Int32Array(s.highWater);
    const n = s.liveIds(out);
    expect([...out.subarray(0, n)]).toEqual([0, 2, 4]);
    expect(() => s.remove(1)).toThrow();
  });

  it('reserve() makes room so later adds do not reallocate', () => {
    const s = new AgentStore({ x: 'f32' }, 4);
    s.reserve(50);
    const g = s.generation;
    for (let i = 0; i < 50; i++) s.add();
    expect(s.generation).toBe(g);
  });
});
