import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaPaths } from '../../src/scenario/schema-paths.js';
import { levenshtein, nearestPath } from '../../src/scenario/nearest.js';
import { parsePath, formatPath } from '../../src/scenario/field-path.js';
import { canonicalJson } from '../../src/scenario/canonical-json.js';
import { toySchema } from './toy-model.js';

describe('schemaPaths', () => {
  it('lists every leaf path of a nested schema, with [] for lists and * for maps', () => {
    expect(schemaPaths(toySchema).sort()).toEqual(
      ['density', 'grid.height', 'grid.width', 'jail.max_term', 'model', 'regions.*.weight', 'rules', 'schedule[].at', 'schedule[].boost'].sort(),
    );
  });

  it('collects the paths of every branch of a union and follows recursive references', () => {
    const node: z.ZodType = z.lazy(() => z.object({ name: z.string(), child: node.optional() }));
    const s = z.object({ shape: z.union([z.object({ r: z.number() }), z.object({ w: z.number(), h: z.number() })]), tree: node });
    const paths = schemaPaths(s);
    expect(paths).toEqual(expect.arrayContaining(['shape.r', 'shape.w', 'shape.h', 'tree.name']));
  });
});

describe('nearestPath', () => {
  const valid = schemaPaths(toySchema);
  it('finds the closest valid path and keeps the user\'s indices', () => {
    expect(nearestPath('grid.widht', valid)).toBe('grid.width');
    expect(nearestPath('desnity', valid)).toBe('density');
    expect(nearestPath('schedule[4].att', valid)).toBe('schedule[4].at');
    expect(nearestPath('x', [])).toBeUndefined();
  });
  it('computes edit distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});

describe('field paths', () => {
  it('round-trip between text and segments and reject malformed text', () => {
    expect(parsePath('a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(formatPath(['a', 'b', 2, 'c'])).toBe('a.b[2].c');
    for (const bad of ['', '.a', 'a.', 'a..b', '[1]', 'a[x]', 'a]']) expect(parsePath(bad)).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps infinities apart from null', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: Infinity } })).toBe('{"a":{"c":"Infinity","d":[2,{"e":0,"f":1}]},"b":1}');
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({ a: Infinity }));
  });
});
