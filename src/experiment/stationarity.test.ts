import { describe, expect, it } from 'vitest';
import { Rng } from '../engine/random.js';
import type { Column } from '../engine/model.js';
import { isStock, stationarity } from './stationarity.js';

const COLUMNS: Column[] = [
  { name: 'step', type: 'int' },
  { name: 'stock', type: 'float', unit: 'people' },
];

/** `runs` replicates of `steps` rows: level + slope * t + noise. */
function runs(n: number, steps: number, level: number, slope: number, noise: number, seed = 1): number[][][] {
  const rng = new Rng(seed, 'stationarity-test');
  return Array.from({ length: n }, () => Array.from({ length: steps }, (_, t) => [t + 1, level + slope * t + noise * rng.normal()]));
}

describe('stationarity', () => {
  it('computes the window means and the relative change exactly', () => {
    // A straight line from 100: early window 0..9 averages 104.5, late window 40..49 averages 144.5.
    const line = [0, 1].map(() => Array.from({ length: 50 }, (_, t) => [t + 1, 100 + t]));
    const r = stationarity(COLUMNS, line, ['stock']);
    expect(r.early).toEqual([0, 10]);
    expect(r.late).toEqual([40, 50]);
    expect(r.rows[0].early).toBeCloseTo(104.5, 12);
    expect(r.rows[0].late).toBeCloseTo(144.5, 12);
    expect(r.rows[0].relative).toBeCloseTo(40 / 104.5, 12);
    expect(r.rows[0].verdict).toBe('drifts');
    expect(r.stationary).toBe(false);
  });

  it('calls a noisy but level stock level, given enough replicates', () => {
    const r = stationarity(COLUMNS, runs(20, 500, 1000, 0, 30), ['stock']);
    expect(r.rows[0].verdict).toBe('level');
    expect(Math.abs(r.rows[0].relative)).toBeLessThan(0.01);
    expect(r.stationary).toBe(true);
  });

  it('finds a drift of 10 % over the run that noise hides in any single step', () => {
    // Noise s.d. 30 per step against a drift of 0.2 per step: 100 over the run, 10 % of the level.
    const r = stationarity(COLUMNS, runs(10, 500, 1000, 0.2, 30), ['stock']);
    expect(r.rows[0].verdict).toBe('drifts');
    expect(r.rows[0].relative).toBeGreaterThan(0.06);
    expect(r.rows[0].relative).toBeLessThan(0.1);
  });

  it('says unclear rather than level when too few replicates cannot bound the drift', () => {
    const r = stationarity(COLUMNS, runs(2, 50, 100, 0, 40), ['stock']);
    expect(r.rows[0].verdict).toBe('unclear');
    expect(r.stationary).toBe(false);
  });

  it('leaves out cumulative counts and text columns by default', () => {
    expect(isStock({ name: 'prisoners', type: 'int', unit: 'people' })).toBe(true);
    expect(isStock({ name: 'detained', type: 'int', unit: 'people, cumulative' })).toBe(false);
    expect(isStock({ name: 'date', type: 'string' })).toBe(false);
  });

  it('refuses a run too short for two windows', () => {
    expect(() => stationarity(COLUMNS, runs(3, 10, 1, 0, 0), ['stock'], { skip: 9 })).toThrow(/no room for two windows/);
  });
});
