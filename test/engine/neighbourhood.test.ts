import { describe, expect, it } from 'vitest';
import { neighbourhood } from '../../src/engine/neighbourhood.js';

describe('neighbourhoods', () => {
  it('Euclidean radius 7 has 148 cells besides the own one, 149 with it', () => {
    expect(neighbourhood({ shape: 'euclidean', radius: 7 }).size).toBe(148);
    const withSelf = neighbourhood({ shape: 'euclidean', radius: 7, includeSelf: true });
    expect(withSelf.size).toBe(149);
    expect([withSelf.dx[0], withSelf.dy[0], withSelf.distance[0]]).toEqual([0, 0, 0]);
  });

  it('Moore (Chebyshev) radius r has (2r + 1)^2 - 1 cells; von Neumann (Manhattan) 2r(r + 1)', () => {
    for (const r of [1, 2, 5]) {
      expect(neighbourhood({ shape: 'moore', radius: r }).size).toBe((2 * r + 1) ** 2 - 1);
      expect(neighbourhood({ shape: 'von-neumann', radius: r }).size).toBe(2 * r * (r + 1));
    }
  });

  it('is sorted by distance, with rings of equal distance', () => {
    const h = neighbourhood({ shape: 'euclidean', radius: 3 });
    for (let k = 1; k < h.size; k++) expect(h.distance[k]).toBeGreaterThanOrEqual(h.distance[k - 1]);
    for (let r = 0; r < h.rings; r++) {
      const d = h.distance[h.ringStart[r]];
      for (let k = h.ringStart[r]; k < h.ringStart[r + 1]; k++) expect(h.distance[k]).toBe(d);
      if (r > 0) expect(d).toBeGreaterThan(h.distance[h.ringStart[r] - 1]);
    }
    // The first ring of a disc: the 4 orthogonal neighbours; then the 4 diagonals.
    expect(h.ringStart[1] - h.ringStart[0]).toBe(4);
    expect(h.ringStart[2] - h.ringStart[1]).toBe(4);
    for (let k = 0; k < h.size; k++) expect(h.dx[k] ** 2 + h.dy[k] ** 2).toBe(h.distance[k]);
  });

  it('strict radius excludes the boundary: distance < 16 stops at d^2 = 255', () => {
    const h = neighbourhood({ shape: 'euclidean', radius: 16, strict: true, includeSelf: true });
    expect(Math.max(...h.distance)).toBe(250); // 15^2 + 5^2; 16^2 itself is out
    expect([...h.distance].includes(256)).toBe(false);
  });

  it('clips to one period of a small torus so that every cell appears once', () => {
    const h = neighbourhood({ shape: 'euclidean', radius: 7, torus: { width: 6, height: 5 } });
    expect(h.size).toBe(6 * 5 - 1);
    const seen = new Set<string>();
    for (let k = 0; k < h.size; k++) seen.add(`${(h.dx[k] + 60) % 6},${(h.dy[k] + 50) % 5}`);
    expect(seen.size).toBe(29);
  });
});
