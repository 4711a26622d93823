import { describe, expect, it } from 'vitest';
import { EdgeList, buildCsr, buildCsrByReplay, degree, neighbours } from '../../src/engine/network.js';
import { Rng } from '../../src/engine/random.js';
import { householdEnd } from '../../src/models/aftermath/state.js';
import { smallWorld } from './helpers.js';

describe('CSR network', () => {
  it('stores every undirected edge in both rows, in insertion order, with its kind', () => {
    const e = new EdgeList(2);
    e.add(0, 1, 1);
    e.add(2, 0, 2);
    e.add(1, 2, 1);
    e.add(0, 3, 2);
    const g = buildCsr(4, e);
    expect([...neighbours(g, 0)]).toEqual([1, 2, 3]);
    expect([...neighbours(g, 1)]).toEqual([0, 2]);
    expect([...neighbours(g, 2)]).toEqual([0, 1]);
    expect([...neighbours(g, 3)]).toEqual([0]);
    expect([...g.kinds!.subarray(g.offsets[0], g.offsets[1])]).toEqual([1, 2, 2]);
    expect(degree(g, 0)).toBe(3);
    expect(g.offsets[4]).toBe(8);
  });

  it('directed mode keeps arcs one way', () => {
    const e = new EdgeList();
    e.add(0, 1);
    e.add(0, 2);
    const g = buildCsr(3, e, { undirected: false });
    expect([...neighbours(g, 0)]).toEqual([1, 2]);
    expect(degree(g, 1)).toBe(0);
  });

  it('matches a naive adjacency list on a random graph, each row in the order its edges came, and is byte-identical when rebuilt', () => {
    const n = 500;
    const build = () => {
      const rng = new Rng(7, 'graph');
      const e = new EdgeList(4);
      const naive: number[][] = Array.from({ length: n }, () => []);
      const naiveKinds: number[][] = Array.from({ length: n }, () => []);
      // More edges than the build's batch, and self-loops: both ends of one edge in one row.
      for (let k = 0; k < 3000; k++) {
        const a = rng.int(n);
        const b = k % 97 === 0 ? a : rng.int(n);
        e.add(a, b, k % 3);
        naive[a].push(b);
        naive[b].push(a);
        naiveKinds[a].push(k % 3);
        naiveKinds[b].push(k % 3);
      }
      return { g: buildCsr(n, e), naive, naiveKinds };
    };
    const { g, naive, naiveKinds } = build();
    for (let i = 0; i < n; i++) {
      expect([...neighbours(g, i)]).toEqual(naive[i]);
      expect([...g.kinds!.subarray(g.offsets[i], g.offsets[i + 1])]).toEqual(naiveKinds[i]);
    }
    const again = build().g;
    expect(Buffer.from(again.targets.buffer).equals(Buffer.from(g.targets.buffer))).toBe(true);
    expect(Buffer.from(again.offsets.buffer).equals(Buffer.from(g.offsets.buffer))).toBe(true);
  });

  it('rejects edges outside the node range', () => {
    const e = new EdgeList();
    e.add(0, 5);
    expect(() => buildCsr(3, e)).toThrow(/outside/);
  });

  it('built by replaying a seeded generator, it is the same graph as from the stored edge list, in both modes', () => {
    const n = 500;
    const generate = (add: (a: number, b: number, kind?: number) => void) => {
      const rng = new Rng(11, 'graph');
      for (let k = 0; k < 2000; k++) add(rng.int(n), rng.int(n), 1 + rng.int(3));
    };
    const e = new EdgeList();
    generate((a, b, kind) => e.add(a, b, kind));
    for (const undirected of [true, false]) {
      const stored = buildCsr(n, e, { undirected });
      const replayed = buildCsrByReplay(n, generate, { undirected });
      expect(Buffer.from(replayed.offsets.buffer)).toEqual(Buffer.from(stored.offsets.buffer));
      expect(Buffer.from(replayed.targets.buffer)).toEqual(Buffer.from(stored.targets.buffer));
      expect(Buffer.from(replayed.kinds!.buffer)).toEqual(Buffer.from(stored.kinds!.buffer));
    }
  });

  it('refuses a generator that does not replay the same edges', () => {
    let pass = 0;
    const drifting = (add: (a: number, b: number) => void) => {
      pass++;
      for (let k = 0; k < 10; k++) add(k, pass === 1 ? 9 : k % 3);
    };
    expect(() => buildCsrByReplay(10, drifting)).toThrow(/must replay exactly/);
    pass = 0;
    const shorter = (add: (a: number, b: number) => void) => {
      pass++;
      for (let k = 0; k < (pass === 1 ? 10 : 9); k++) add(k, 9 - k);
    };
    expect(() => buildCsrByReplay(10, shorter)).toThrow(/must replay exactly/);
    expect(() => buildCsrByReplay(3, (add) => add(0, 5))).toThrow(/outside/);
    // Every node keeps its degree, so only the edges themselves tell the passes apart.
    pass = 0;
    const rewired = (add: (a: number, b: number) => void) => {
      pass++;
      add(0, pass === 1 ? 1 : 3);
      add(2, pass === 1 ? 3 : 1);
    };
    expect(() => buildCsrByReplay(4, rewired)).toThrow(/must replay exactly/);
  });
});

describe("the aftermath model's ties", () => {
  it('list household ties first, householdTies of them, and households are cliques', () => {
    const w = smallWorld();
    const { offsets, targets } = w.net;
    let households = 0;
    for (let i = 0; i < w.n; i++) {
      const end = householdEnd(w, i);
      expect(end).toBeLessThanOrEqual(offsets[i + 1]);
      const mine = new Set([i, ...targets.subarray(offsets[i], end)]);
      expect(mine.size).toBe(w.householdTies[i] + 1);
      for (const j of mine) {
        if (j === i) continue;
        expect(w.region[j]).toBe(w.region[i]);
        const theirs = new Set([j, ...targets.subarray(offsets[j], householdEnd(w, j))]);
        expect(theirs).toEqual(mine);
      }
      if (w.householdTies[i] > 0) households++;
    }
    // Households average about sc.population.householdSize people: most people live with someone.
    expect(households / w.n).toBeGreaterThan(0.8);
    // Friends follow: every agent starts `friends` friendships, so rows are longer than households.
    const arcs = offsets[w.n];
    let householdArcs = 0;
    for (let i = 0; i < w.n; i++) householdArcs += w.householdTies[i];
    expect(arcs - householdArcs).toBeGreaterThan(w.n * w.sc.population.friends);
  });
});
