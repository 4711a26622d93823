import { describe, expect, it } from 'vitest';
import { HaloField } from '../../src/engine/halo-field.js';
import { Torus } from '../../src/engine/lattice.js';
import { neighbourhood } from '../../src/engine/neighbourhood.js';
import { Rng } from '../../src/engine/random.js';

describe('HaloField', () => {
  it('neighbourhood sums equal a direct wrapped count everywhere, edges and corners included', () => {
    const t = new Torus(17, 15, 7);
    const hood = neighbourhood({ shape: 'euclidean', radius: 7, torus: t });
    const f = new HaloField(t, hood.reach);
    const plain = new Int32Array(t.size);
    const rng = new Rng(8);
    for (let i = 0; i < 400; i++) {
      const c = rng.int(t.size);
      const d = rng.int(5) - 2;
      f.add(c, d);
      plain[c] += d;
    }
    const runs = f.runs(hood);
    for (let c = 0; c < t.size; c++) {
      let direct = 0;
      for (let k = 0; k < hood.size; k++) direct += plain[t.offset(c, hood.dx[k], hood.dy[k])];
      expect(f.sumRuns(c, runs)).toBe(direct);
      expect(f.get(c)).toBe(plain[c]);
    }
    // A disc of radius 7 without its centre: 15 rows, the middle one split in two.
    expect(runs.count).toBe(16);
  });

  it('a 16-bit field sums exactly as a 32-bit one while its values stay in 0..65535', () => {
    const t = new Torus(23, 19, 7);
    const hood = neighbourhood({ shape: 'euclidean', radius: 7, torus: t });
    const wide = new HaloField(t, hood.reach);
    const narrow = new HaloField(t, hood.reach, hood.reach, 16);
    expect(narrow.data).toBeInstanceOf(Uint16Array);
    const plain = new Int32Array(t.size);
    const rng = new Rng(11);
    for (let i = 0; i < 2000; i++) {
      const c = rng.int(t.size);
      // Removals only where something was added, as the census does: no cell goes below zero.
      const d = plain[c] > 0 && rng.int(2) === 0 ? -1 : 257;
      plain[c] += d;
      wide.add(c, d);
      narrow.add(c, d);
    }
    const runs = wide.runs(hood);
    let nonZero = 0;
    for (let c = 0; c < t.size; c++) {
      expect(narrow.sumRuns(c, runs)).toBe(wide.sumRuns(c, runs));
      expect(narrow.get(c)).toBe(plain[c]);
      if (plain[c] > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(t.size / 2);
  });

  it('offsets reach the halo copy of a neighbour across the seam', () => {
    const t = new Torus(10, 10, 2);
    const hood = neighbourhood({ shape: 'moore', radius: 2 });
    const f = new HaloField(t, 2);
    const offs = f.offsets(hood);
    f.add(t.cell(9, 9), 5);
    const centre = f.index(t.cell(0, 0));
    const k = [...Array(hood.size).keys()].find((i) => hood.dx[i] === -1 && hood.dy[i] === -1)!;
    expect(f.data[centre + offs[k]]).toBe(5);
  });

  it('refuses a halo wider than half the torus', () => {
    expect(() => new HaloField(new Torus(6, 6, 1), 4)).toThrow();
  });
});

describe('HaloField on a narrow torus', () => {
  it('pads each axis by its own reach, so a 4 x 40 strip with vision 7 works', () => {
    const t = new Torus(4, 40, 7);
    const hood = neighbourhood({ shape: 'euclidean', radius: 7, torus: t });
    expect(hood.reachX).toBe(2);
    expect(hood.reachY).toBe(7);
    const f = new HaloField(t, hood.reachX, hood.reachY);
    const plain = new Int32Array(t.size);
    const rng = new Rng(2);
    for (let i = 0; i < 100; i++) {
      const c = rng.int(t.size);
      f.add(c, 1);
      plain[c]++;
    }
    const runs = f.runs(hood);
    for (let c = 0; c < t.size; c++) {
      let direct = 0;
      for (let k = 0; k < hood.size; k++) direct += plain[t.offset(c, hood.dx[k], hood.dy[k])];
      expect(f.sumRuns(c, runs)).toBe(direct);
    }
  });
});
