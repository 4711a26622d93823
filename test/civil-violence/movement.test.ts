import { describe, expect, it } from 'vitest';
import { citizenTurn } from '../../src/models/civil-violence/citizen.js';
import { copTurn } from '../../src/models/civil-violence/cop.js';
import type { World } from '../../src/models/civil-violence/world.js';
import { citizenAt, copAt, emptyLattice } from './lattice-builder.js';

/** Torus distance squared between two cells. */
function d2(w: World, a: number, b: number): number {
  const { width, height } = w.torus;
  let dx = Math.abs(w.torus.x(a) - w.torus.x(b));
  let dy = Math.abs(w.torus.y(a) - w.torus.y(b));
  dx = Math.min(dx, width - dx);
  dy = Math.min(dy, height - dy);
  return dx * dx + dy * dy;
}

/** Hardship 0: never active, so only movement happens. */
const calm = { hardship: 0 };

describe('movement rules', () => {
  it('epstein2002: one random Moore step, only onto an empty cell', () => {
    const { w } = emptyLattice({ rules: 'epstein2002' });
    const me = citizenAt(w, 10, 10, calm);
    // Block every neighbour but (11, 11).
    for (const [dx, dy] of [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1]]) citizenAt(w, 10 + dx, 10 + dy, calm);
    const start = w.cell[me];
    const target = w.torus.cell(11, 11);
    let moved = 0;
    for (let trial = 0; trial < 400; trial++) {
      citizenTurn(w, me);
      if (w.cell[me] !== start) {
        expect(w.cell[me]).toBe(target);
        moved++;
        w.moveTo(me, start);
      }
    }
    // It picks one of 8 directions and moves only if that one is free: about 1 in 8.
    expect(moved).toBeGreaterThan(400 / 8 - 25);
    expect(moved).toBeLessThan(400 / 8 + 25);
  });

  it('epstein2002: a free citizen on an open lattice always lands on a Moore neighbour', () => {
    const { w } = emptyLattice({ rules: 'epstein2002' });
    const me = citizenAt(w, 10, 10, calm);
    for (let trial = 0; trial < 200; trial++) {
      const before = w.cell[me];
      citizenTurn(w, me);
      expect(d2(w, before, w.cell[me])).toBeGreaterThanOrEqual(1);
      expect(d2(w, before, w.cell[me])).toBeLessThanOrEqual(2);
    }
  });

  for (const rules of ['netlogo', 'mesa'] as const) {
    it(`${rules}: a random empty cell anywhere within vision`, () => {
      const { w } = emptyLattice({ rules, grid: { width: 40, height: 40 } });
      const me = citizenAt(w, 20, 20, calm);
      let far = 0;
      for (let trial = 0; trial < 300; trial++) {
        const before = w.cell[me];
        citizenTurn(w, me);
        const d = d2(w, before, w.cell[me]);
        expect(d).toBeGreaterThan(0);
        if (rules === 'netlogo') expect(d).toBeLessThanOrEqual(49);
        else {
          const dx = Math.abs(w.torus.x(before) - w.torus.x(w.cell[me]));
          const dy = Math.abs(w.torus.y(before) - w.torus.y(w.cell[me]));
          expect(Math.min(dx, 40 - dx) + Math.min(dy, 40 - dy)).toBeLessThanOrEqual(7);
        }
        if (d > 2) far++;
      }
      // Most of the cells within vision are not Moore neighbours.
      expect(far).toBeGreaterThan(250);
    });
  }

  it('citizens_move: false keeps citizens in place while cops still walk', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', citizens_move: false });
    const me = citizenAt(w, 10, 10, calm);
    const cop = copAt(w, 3, 3);
    const copStart = w.cell[cop];
    let copMoved = false;
    for (let trial = 0; trial < 20; trial++) {
      citizenTurn(w, me);
      copTurn(w, cop);
      if (w.cell[cop] !== copStart) copMoved = true;
    }
    expect(w.cell[me]).toBe(w.torus.cell(10, 10));
    expect(copMoved).toBe(true);
  });
});
