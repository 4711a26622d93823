import { describe, expect, it } from 'vitest';
import { CellOccupants, Torus } from '../../src/engine/lattice.js';
import { neighbourhood } from '../../src/engine/neighbourhood.js';

describe('Torus', () => {
  it('wraps offsets in both directions through its tables', () => {
    const t = new Torus(10, 6, 3);
    const c = t.cell(0, 0);
    expect(t.offset(c, -1, 0)).toBe(t.cell(9, 0));
    expect(t.offset(c, 0, -1)).toBe(t.cell(0, 5));
    expect(t.offset(c, 3, 3)).toBe(t.cell(3, 3));
    expect(t.offset(t.cell(9, 5), 1, 1)).toBe(t.cell(0, 0));
    expect(t.cell(-1, 7)).toBe(t.cell(9, 1));
  });

  it('linear offsets agree with wrapped ones on interior cells', () => {
    const t = new Torus(30, 30, 7);
    const h = neighbourhood({ shape: 'euclidean', radius: 7 });
    const lin = t.linearOffsets(h);
    const c = t.cell(15, 15);
    expect(t.interior(c, h.reach)).toBe(true);
    expect(t.interior(t.cell(3, 15), h.reach)).toBe(false);
    const viaWrap = new Set<number>();
    const viaLin = new Set<number>();
    for (let k = 0; k < h.size; k++) {
      viaWrap.add(t.offset(c, h.dx[k], h.dy[k]));
      viaLin.add(c + lin[k]);
    }
    expect(viaLin).toEqual(viaWrap);
  });

  it('neighbour table lists the wrapped neighbours of every cell', () => {
    const t = new Torus(4, 4, 1);
    const h = neighbourhood({ shape: 'von-neumann', radius: 1 });
    const table = t.neighbourTable(h);
    const corner = t.cell(0, 0);
    const mine = [...table.subarray(corner * 4, corner * 4 + 4)].sort((a, b) => a - b);
    expect(mine).toEqual([t.cell(1, 0), t.cell(0, 1), t.cell(3, 0), t.cell(0, 3)].sort((a, b) => a - b));
  });
});

describe('CellOccupants', () => {
  it('holds one or more agents per cell and unlinks from anywhere in the chain', () => {
    const o = new CellOccupants(9, 2);
    o.ensureAgents(5);
    o.insert(0, 4);
    o.insert(1, 4);
    o.insert(2, 4);
    expect(o.countOn(4)).toBe(3);
    o.remove(1, 4);
    expect(o.countOn(4)).toBe(2);
    o.remove(2, 4);
    expect(o.head[4]).toBe(0);
    o.remove(0, 4);
    expect(o.isEmpty(4)).toBe(true);
    expect(() => o.remove(3, 4)).toThrow();
  });
});
