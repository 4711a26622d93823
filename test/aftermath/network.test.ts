import { describe, expect, it } from 'vitest';
import { EdgeList, buildCsr, degree, neighbours } from '../../src/engine/network.js';
import { Rng } from '../../src/engine/random.js';

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
    expect([...g.kinds.subarray(g.offsets[0], g.offsets[1])]).toEqual([1, 2, 2]);
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

  it('matches a naive adjacency list on a random graph and is byte-identical when rebuilt', () => {
    const n = 500;
    const build = () => {
      const rng = new Rng(7, 'graph');
      const e = new EdgeList(4);
      const naive: number[][] = Array.from({ length: n }, () => []);
      for (let k = 0; k < 3000; k++) {
        const a = rng.int(n);
        const b = rng.int(n);
        e.add(a, b, k % 3);
        naive[a].push(b);
        naive[b].push(a);
      }
      return { g: buildCsr(n, e), naive };
    };
    const { g, naive } = build();
    for (let i = 0; i < n; i++) expect([...neighbours(g, i)].sort((x, y) => x - y)).toEqual(naive[i].sort((x, y) => x - y));
    const again = build().g;
    expect(Buffer.from(again.targets.buffer).equals(Buffer.from(g.targets.buffer))).toBe(true);
    expect(Buffer.from(again.offsets.buffer).equals(Buffer.from(g.offsets.buffer))).toBe(true);
  });

  it('rejects edges outside the node range', () => {
    const e = new EdgeList();
    e.add(0, 5);
    expect(() => buildCsr(3, e)).toThrow(/outside/);
  });
});
