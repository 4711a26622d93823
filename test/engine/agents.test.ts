import { describe, expect, it } from 'vitest';
import { AgentStore, fixedColumns } from '../../src/engine/agents.js';

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

describe('fixedColumns (a population fixed from the start)', () => {
  it('gives one zeroed typed array of n rows per attribute, each its own memory', () => {
    const c = fixedColumns({ wealth: 'f32', ties: 'u8', until: 'u16' }, 1000);
    expect(c.wealth).toBeInstanceOf(Float32Array);
    expect(c.ties).toBeInstanceOf(Uint8Array);
    expect(c.until).toBeInstanceOf(Uint16Array);
    expect([c.wealth.length, c.ties.length, c.until.length]).toEqual([1000, 1000, 1000]);
    expect(c.wealth.every((v) => v === 0) && c.ties.every((v) => v === 0)).toBe(true);
    c.ties[999] = 7;
    c.until[0] = 65535;
    expect(c.wealth[999]).toBe(0);
    expect(new Set([c.wealth.buffer, c.ties.buffer, c.until.buffer]).size).toBe(3);
    expect(c.ties[999] + c.until[0]).toBe(65542);
  });
});
