import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LegitimacyWakes, wakeLegitimacy } from '../../src/models/aftermath/legitimacy-wakes.js';

/** G as the sweep's decide computes it for an agent without organiser ties or hardship of its own. */
function grievance(h: number, b: number, l: number, mul: number, L: number): number {
  const lost = L - l;
  return h * mul * (1 - (lost > 0 ? lost : 0)) + b;
}

const f32 = (min: number, max: number) => fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true });

describe('the legitimacy that wakes an agent at rest', () => {
  it('leaves no legitimacy at or above the key, and no faded harm, that makes the agent protest-minded', () => {
    fc.assert(
      fc.property(
        f32(0, 1), f32(0, 1), f32(0, 1), fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        (h, b, l, mul, T, fadeB, fadeL, L) => {
          const key = wakeLegitimacy(h, b, l, mul, T);
          if (key === Infinity) return; // it might be minded now: it does not rest
          const stored = Math.fround(key);
          if (L < stored) return; // woken
          expect(grievance(h, Math.fround(b * fadeB), Math.fround(l * fadeL), mul, L) > T).toBe(false);
        },
      ),
      { seed: 20261205, numRuns: 20_000 },
    );
  });

  it('is tight: just below the key, the agent with its harm unfaded is protest-minded', () => {
    const [h, b, l, mul, T] = [0.8, 0.1, 0.05, 1, 0.3];
    const key = wakeLegitimacy(h, b, l, mul, T);
    expect(key).toBeGreaterThan(0);
    expect(grievance(h, b, l, mul, key - 1e-5) > T).toBe(true);
    expect(grievance(h, b, l, mul, key + 1e-5) > T).toBe(false);
  });

  it('says never when hardship alone cannot reach the threshold, and now when the harm alone does', () => {
    expect(wakeLegitimacy(0.05, 0.01, 0.5, 1, 0.1)).toBe(-Infinity);
    expect(wakeLegitimacy(0, 0.01, 0.5, 1, 0.1)).toBe(-Infinity);
    expect(wakeLegitimacy(0.5, 0.1, 0, 1, 0.1)).toBe(Infinity);
  });
});

describe('LegitimacyWakes', () => {
  it('wakes, per region, exactly the agents still at rest under their mark whose key the legitimacy reaches, highest first', () => {
    const timer = new Uint16Array(10_000);
    const wakes = new LegitimacyWakes(2, timer);
    expect(wakes.holds(0, 1)).toBe(false);
    wakes.reset(0, 1, 0);
    wakes.reset(1, 1, 0);
    expect(wakes.holds(0, 1)).toBe(true);
    expect(wakes.holds(0, 1.3)).toBe(false);
    const key = (i: number) => Math.fround((i % 997) / 1000);
    for (let i = 0; i < 9000; i++) {
      timer[i] = 1 + (i % 7);
      wakes.add(i % 2, i, key(i), timer[i]);
    }
    // Some woke (timer 0) or rested again under another mark: their entries are stale.
    for (let i = 0; i < 9000; i += 5) timer[i] = 0;
    for (let i = 1; i < 9000; i += 11) timer[i] = 99;
    const seen: number[] = [];
    wakes.due(0, 0.5, (i) => seen.push(i));
    const expected = [...Array(9000).keys()].filter((i) => i % 2 === 0 && i % 5 !== 0 && (i - 1) % 11 !== 0 && key(i) >= 0.5);
    expect(new Set(seen)).toEqual(new Set(expected));
    const keys = seen.map(key);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    // Region 1 untouched by region 0's call; nothing left in region 0 at or above 0.5.
    const again: number[] = [];
    wakes.due(0, 0.5, (i) => again.push(i));
    expect(again).toEqual([]);
    wakes.due(1, 0, (i) => again.push(i));
    expect(again.length).toBe([...Array(9000).keys()].filter((i) => i % 2 === 1 && i % 5 !== 0 && (i - 1) % 11 !== 0).length);
    expect(wakes.woken.legitimacy).toBe(seen.length + again.length);
  });
});
