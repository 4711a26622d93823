import { describe, expect, it } from 'vitest';
import { estimatedArrestProbability } from '../../src/models/civil-violence/citizen.js';
import { arrestProbability, copsPerActive } from '../../src/models/civil-violence/rules.js';
import { citizenAt, copAt, emptyLattice } from './lattice-builder.js';

const k = 2.302585;

describe('cops per active: floor (Epstein, NetLogo) vs round-half-even (Mesa)', () => {
  it('floors C / (A + 1) with integer division', () => {
    expect(copsPerActive('floor', 1, 1)).toBe(0);
    expect(copsPerActive('floor', 3, 1)).toBe(1);
    expect(copsPerActive('floor', 7, 3)).toBe(1);
    expect(copsPerActive('floor', 8, 3)).toBe(2);
  });
  it('rounds halves to the even neighbour, as Python 3 round() does', () => {
    expect(copsPerActive('round-half-even', 1, 1)).toBe(0); // 0.5 -> 0
    expect(copsPerActive('round-half-even', 3, 1)).toBe(2); // 1.5 -> 2
    expect(copsPerActive('round-half-even', 5, 1)).toBe(2); // 2.5 -> 2
    expect(copsPerActive('round-half-even', 7, 1)).toBe(4); // 3.5 -> 4
    expect(copsPerActive('round-half-even', 7, 3)).toBe(2); // 1.75 -> 2
    expect(copsPerActive('round-half-even', 5, 3)).toBe(1); // 1.25 -> 1
  });
  it('gives P = 0.9 when one cop faces one active (k = -ln 0.1)', () => {
    expect(arrestProbability(k, 'floor', 1, 0)).toBeCloseTo(0.9, 6);
    expect(arrestProbability(k, 'floor', 0, 0)).toBe(0);
    expect(arrestProbability(k, 'floor', 2, 0)).toBeCloseTo(0.99, 6);
  });
});

describe('estimated arrest probability on hand-built lattices', () => {
  it('epstein2002: A excludes the citizen itself', () => {
    const { w } = emptyLattice({ rules: 'epstein2002' });
    const me = citizenAt(w, 10, 10, { active: true });
    copAt(w, 11, 10);
    copAt(w, 9, 10);
    // C = 2 cops, A = 0 others: floor(2 / 1) = 2.
    expect(estimatedArrestProbability(w, me)).toBeCloseTo(0.99, 6);
    citizenAt(w, 10, 12, { active: true });
    // One other active: floor(2 / 2) = 1.
    expect(estimatedArrestProbability(w, me)).toBeCloseTo(0.9, 6);
  });

  it('netlogo: an active citizen counts itself (its own cell is in its vision)', () => {
    const { w } = emptyLattice({ rules: 'netlogo' });
    const me = citizenAt(w, 10, 10, { active: true });
    copAt(w, 11, 10);
    copAt(w, 9, 10);
    citizenAt(w, 10, 12, { active: true });
    // A = 2 (itself and the other): floor(2 / 3) = 0, where Epstein's rule gives 1.
    expect(estimatedArrestProbability(w, me)).toBe(0);
    w.setActive(me, false);
    expect(estimatedArrestProbability(w, me)).toBeCloseTo(0.9, 6);
  });

  it('mesa: round-half-even, A excludes self', () => {
    const { w } = emptyLattice({ rules: 'mesa' });
    const me = citizenAt(w, 10, 10, { active: true });
    copAt(w, 11, 10);
    copAt(w, 9, 10);
    copAt(w, 10, 9);
    citizenAt(w, 10, 12, { active: true });
    // 3 / 2 = 1.5 rounds to 2 (Epstein's floor would give 1).
    expect(estimatedArrestProbability(w, me)).toBeCloseTo(0.99, 6);
  });

  it('a literal real-valued C / A is not what any rule set computes', () => {
    const { w } = emptyLattice({ rules: 'epstein2002' });
    const me = citizenAt(w, 10, 10);
    copAt(w, 11, 10);
    citizenAt(w, 12, 10, { active: true });
    // Real-valued: 1 - exp(-k / 2) = 0.68; the floor makes it 0.
    expect(estimatedArrestProbability(w, me)).toBe(0);
  });
});
