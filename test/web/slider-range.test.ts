import { describe, expect, test } from 'vitest';
import { niceAbove, sliderRange } from '../../web/src/form/slider-range.js';

describe('slider ranges of generated parameter fields', () => {
  test('a share bounded 0..1 travels exactly its bounds in thousandths', () => {
    expect(sliderRange({ integer: false, minimum: 0, maximum: 1 }, 0.82)).toEqual({ min: 0, max: 1, step: 0.001 });
  });

  test('a whole number with no real upper bound reaches a round number above twice its value', () => {
    // zod states "no maximum" of an int as Number.MAX_SAFE_INTEGER.
    expect(sliderRange({ integer: true, minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, 5000)).toEqual({ min: 0, max: 10000, step: 1 });
    expect(sliderRange({ integer: true, minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, 40)).toEqual({ min: 1, max: 101, step: 1 });
  });

  test('an exclusive lower bound starts the slider; a value of zero still gets room', () => {
    expect(sliderRange({ integer: false, exclusiveMinimum: 0 }, 2.302585)).toEqual({ min: 0, max: 5, step: 0.005 });
    expect(sliderRange({ integer: false, minimum: 0 }, 0)).toEqual({ min: 0, max: 1, step: 0.001 });
  });

  test('negative values without bounds get a symmetric range; infinity gets no slider', () => {
    const r = sliderRange({ integer: false }, -0.3);
    expect(r!.min).toBeLessThanOrEqual(-0.6);
    expect(r!.max).toBeGreaterThan(0);
    expect(sliderRange({ integer: true, minimum: 0 }, Infinity)).toBeUndefined();
  });

  test('round numbers are 1, 2 or 5 times a power of ten', () => {
    expect([0.03, 0.7, 1, 1.01, 3, 7, 60, 1200].map(niceAbove)).toEqual([0.05, 1, 1, 2, 5, 10, 100, 2000]);
  });
});
