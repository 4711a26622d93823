import { describe, expect, it } from 'vitest';
import { describeChanges, jsonChanges } from './json-diff.js';

describe('jsonChanges', () => {
  it('names changed, added and removed fields by their dotted path, arrays by index', () => {
    const before = { steps: 20, factors: [{ path: 'a', values: [1, 2] }], set: { x: 1 } };
    const after = { steps: 30, factors: [{ path: 'a', values: [1, 2, 3] }], seed: 4 };
    expect(jsonChanges(before, after)).toEqual([
      { path: 'factors[0].values[2]', before: undefined, after: 3 },
      { path: 'seed', before: undefined, after: 4 },
      { path: 'set', before: { x: 1 }, after: undefined },
      { path: 'steps', before: 20, after: 30 },
    ]);
    expect(jsonChanges(before, structuredClone(before))).toEqual([]);
  });

  it('describes them on one line and counts what it leaves out', () => {
    const changes = jsonChanges({ a: 1, b: 2, c: 'x'.repeat(60) }, { a: 2, c: 'y' });
    expect(describeChanges(changes, 2)).toBe('a was 1, is now 2; b removed (was 2) (and 1 more)');
    expect(describeChanges(changes)).toContain(`c was "${'x'.repeat(36)}..., is now "y"`);
  });
});
