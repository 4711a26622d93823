import { describe, expect, it } from 'vitest';
import { visibleCensus } from '../../src/models/civil-violence/citizen.js';
import { citizenAt, copAt, emptyLattice } from './lattice-builder.js';

import type { World } from '../../src/models/civil-violence/world.js';

// The census packs cops above the actives at a shift the world chooses (8 bits for small visions, else 16).
const cops = (w: World, seen: number) => seen >>> w.copShift;
const actives = (w: World, seen: number) => seen & w.activeMask;

describe('vision by rule set', () => {
  it('epstein2002: Euclidean v = 7 is 148 cells besides the own one', () => {
    const { w } = emptyLattice({ rules: 'epstein2002' });
    expect(w.citizenVision.size).toBe(148);
    expect(w.citizenVision.includesSelf).toBe(false);
  });
  it('netlogo: the same disc with the own cell, 149', () => {
    const { w } = emptyLattice({ rules: 'netlogo' });
    expect(w.citizenVision.size).toBe(149);
    expect(w.citizenVision.includesSelf).toBe(true);
  });
  it('mesa: Manhattan (von Neumann) v = 7 is 2 v (v + 1) = 112 cells', () => {
    const { w } = emptyLattice({ rules: 'mesa' });
    expect(w.citizenVision.size).toBe(112);
  });
  it('vision 1.7 is the 8 Moore neighbours (Euclidean) or 4 (Manhattan)', () => {
    expect(emptyLattice({ rules: 'epstein2002', vision: { citizen: 1.7, cop: 1.7 } }).w.citizenVision.size).toBe(8);
    expect(emptyLattice({ rules: 'mesa', vision: { citizen: 1.7, cop: 1.7 } }).w.citizenVision.size).toBe(4);
  });

  it('counts cops and actives exactly at the edge of a Euclidean disc, across the torus seam', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', grid: { width: 30, height: 30 } });
    const me = citizenAt(w, 1, 1);
    copAt(w, 8, 1); // distance 7: seen
    copAt(w, 1 - 7 + 30, 1); // distance 7 the other way round the torus: seen
    copAt(w, 6, 6); // d^2 = 50 > 49: unseen
    citizenAt(w, 5, 1 - 4 + 30, { active: true }); // d^2 = 32: seen
    citizenAt(w, 1, 9, { active: true }); // distance 8: unseen
    citizenAt(w, 2, 1); // quiet: never counted
    const seen = visibleCensus(w, me);
    expect(cops(w, seen)).toBe(2);
    expect(actives(w, seen)).toBe(1);
  });

  it('mesa sees along the Manhattan diamond only', () => {
    const { w } = emptyLattice({ rules: 'mesa' });
    const me = citizenAt(w, 10, 10);
    copAt(w, 14, 13); // |dx| + |dy| = 7: seen
    copAt(w, 14, 14); // 8: unseen, though Euclidean 5.66 < 7
    expect(cops(w, visibleCensus(w, me))).toBe(1);
  });

  it('clips the disc to one period of a small torus, so no cell is counted twice', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', grid: { width: 9, height: 9 } });
    // On a 9 x 9 torus no cell is further than (4, 4), 5.66 < 7: all 80 others are in view, once.
    expect(w.citizenVision.size).toBe(80);
    const me = citizenAt(w, 0, 0);
    copAt(w, 8, 8);
    expect(cops(w, visibleCensus(w, me))).toBe(1);
  });

  it('wide visions count exactly too (v = 10: 316 cells)', () => {
    const { w } = emptyLattice({ rules: 'epstein2002', grid: { width: 40, height: 40 }, vision: { citizen: 10, cop: 10 } });
    expect(w.citizenVision.size).toBe(316);
    const me = citizenAt(w, 20, 20);
    for (let x = 10; x <= 30; x++) if (x !== 20) copAt(w, x, 20); // 20 cops within distance 10
    copAt(w, 20, 31); // distance 11
    for (let y = 12; y <= 28; y++) if (y !== 20) citizenAt(w, 20, y, { active: true }); // 16 actives
    const seen = visibleCensus(w, me);
    expect(cops(w, seen)).toBe(20);
    expect(actives(w, seen)).toBe(16);
  });
});
