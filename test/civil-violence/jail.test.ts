import { describe, expect, it } from 'vitest';
import { citizenTurn, endOfTickJail } from '../../src/models/civil-violence/citizen.js';
import { arrest, copTurn, drawTerm } from '../../src/models/civil-violence/cop.js';
import { FOREVER, JAILED, QUIET } from '../../src/models/civil-violence/world.js';
import { citizenAt, copAt, emptyLattice } from './lattice-builder.js';

const calm = { hardship: 0 };

describe('jail terms', () => {
  const drawn = (rules: 'epstein2002' | 'netlogo' | 'mesa', max: number) => {
    const { w } = emptyLattice({ rules, jail: { max_term: max } });
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(drawTerm(w));
    return [...seen].sort((a, b) => a - b);
  };
  it('epstein2002 and mesa draw 0..Jmax inclusive', () => {
    expect(drawn('epstein2002', 3)).toEqual([0, 1, 2, 3]);
    expect(drawn('mesa', 3)).toEqual([0, 1, 2, 3]);
  });
  it('netlogo draws 0..Jmax - 1 (NetLogo\'s random Jmax)', () => {
    expect(drawn('netlogo', 3)).toEqual([0, 1, 2]);
  });
  it('Jmax = .inf means never released', () => {
    expect(drawn('epstein2002', Infinity)).toEqual([FOREVER]);
  });
});

describe('arrest and release by rule set', () => {
  it('epstein2002: the cop arrests the nearest active, steps onto its cell, the citizen leaves the lattice', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', jail: { max_term: 5 } });
    const cop = copAt(w, 10, 10);
    const near = citizenAt(w, 12, 10, { active: true });
    const far = citizenAt(w, 10, 15, { active: true });
    copTurn(w, cop);
    expect(w.state[near]).toBe(JAILED);
    expect(w.state[far]).not.toBe(JAILED);
    // Off the lattice: a negative cell, holding the arrest cell bitwise negated.
    expect(w.cell[near]).toBeLessThan(0);
    // Onto the arrest cell, then one Moore step at most.
    const arrestCell = w.torus.cell(12, 10);
    const dx = Math.abs(w.torus.x(w.cell[cop]) - 12);
    const dy = Math.abs(w.torus.y(w.cell[cop]) - 10);
    expect(Math.max(dx, dy)).toBeLessThanOrEqual(1);
    expect(~w.cell[near]).toBe(arrestCell);
    expect(w.nJailed).toBe(1);
  });

  it('epstein2002: released onto the free cell nearest the arrest cell', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', jail: { max_term: 0 } });
    const me = citizenAt(w, 10, 10, { active: true, hardship: 0 });
    arrest(w, me);
    // Fill the arrest cell and its 8 neighbours: the nearest free cells are then at distance 2.
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) citizenAt(w, 10 + dx, 10 + dy, calm);
    const landed = new Set<number>();
    for (let trial = 0; trial < 80; trial++) {
      w.setState(me, JAILED);
      w.lift(me);
      w.cell[me] = ~w.torus.cell(10, 10);
      w.term[me] = 0;
      citizenTurn(w, me);
      expect(w.state[me]).toBe(QUIET);
      landed.add(w.cell[me]);
    }
    const ring2 = [[2, 0], [-2, 0], [0, 2], [0, -2]].map(([dx, dy]) => w.torus.cell(10 + dx, 10 + dy));
    expect([...landed].sort()).toEqual(ring2.sort());
  });

  it('epstein2002: a term of J keeps the citizen jailed for J turns at most', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', jail: { max_term: 30 } });
    const me = citizenAt(w, 10, 10, { active: true, hardship: 0 });
    arrest(w, me);
    w.term[me] = 3;
    const turnsInJail: number[] = [];
    for (let t = 0; t < 5; t++) {
      citizenTurn(w, me);
      turnsInJail.push(w.state[me] === JAILED ? 1 : 0);
    }
    expect(turnsInJail).toEqual([1, 1, 0, 0, 0]);
  });

  it('netlogo: the jailed citizen stays on its cell, which counts as empty; free at the end of its term', () => {
    const { w } = emptyLattice({ rules: 'netlogo', jail: { max_term: 30 } });
    const me = citizenAt(w, 10, 10, { active: true, hardship: 0 });
    const cell = w.cell[me];
    arrest(w, me);
    if (w.state[me] !== JAILED) w.setState(me, JAILED); // a zero term is a warning only
    w.term[me] = 2;
    expect(w.cell[me]).toBe(cell);
    expect(w.occupants.isEmpty(cell)).toBe(true);
    const other = citizenAt(w, 10, 10, calm); // someone else may stand there
    expect(w.occupants.head[cell]).toBe(other);
    endOfTickJail(w);
    expect(w.state[me]).toBe(JAILED);
    endOfTickJail(w);
    expect(w.state[me]).toBe(QUIET);
    expect(w.cell[me]).toBe(cell);
    expect(w.occupants.countOn(cell)).toBe(2);
  });

  it('mesa: the jailed citizen keeps blocking its cell and the cop stays where it was', () => {
    const { w } = emptyLattice({ rules: 'mesa', jail: { max_term: 30 } });
    const cop = copAt(w, 10, 10);
    const me = citizenAt(w, 11, 10, { active: true, hardship: 0 });
    let term = 0;
    // Retry until a positive term (a zero term only quiets the citizen in Mesa); the cop
    // walks after each arrest, so it is put back between trials.
    for (let trial = 0; trial < 50 && term === 0; trial++) {
      if (w.state[me] !== 1) w.setActive(me, true);
      copTurn(w, cop);
      term = w.term[me];
      w.moveTo(cop, w.torus.cell(10, 10));
    }
    expect(term).toBeGreaterThan(0);
    expect(w.state[me]).toBe(JAILED);
    expect(w.occupants.head[w.torus.cell(11, 10)]).toBe(me);
    // Its sentence runs down one per turn; the turn it reaches 0 it is free but does nothing else.
    w.term[me] = 2;
    citizenTurn(w, me);
    expect(w.state[me]).toBe(JAILED);
    citizenTurn(w, me);
    expect(w.state[me]).toBe(QUIET);
    expect(w.cell[me]).toBe(w.torus.cell(11, 10));
  });

  it('mesa: the arresting cop does not step onto the arrest cell', () => {
    const { w } = emptyLattice({ rules: 'mesa', jail: { max_term: 30 }, vision: { citizen: 1.7, cop: 1.7 } });
    const cop = copAt(w, 10, 10);
    // Box the cop in so its own move (to an empty cell in vision) is impossible.
    citizenAt(w, 9, 10, calm);
    citizenAt(w, 10, 9, calm);
    citizenAt(w, 10, 11, calm);
    const me = citizenAt(w, 11, 10, { active: true, hardship: 0 });
    copTurn(w, cop);
    expect(w.cell[cop]).toBe(w.torus.cell(10, 10));
    expect(w.state[me]).not.toBe(1);
  });
});
