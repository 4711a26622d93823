import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../src/experiment/distributed/wire.js';

const throughJson = (v: unknown) => fromWire(JSON.parse(JSON.stringify(toWire(v))));

describe('the Redis wire format', () => {
  it('keeps the values plain JSON loses: NaN, the infinities, -0 and typed arrays bit for bit', () => {
    const doubles = new Float64Array([0.1, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 1 / 3, -1e308]);
    const ints = new Int32Array([0, -1, 2147483647, -2147483648]);
    const back = throughJson({ summaries: [NaN, null, -0, Infinity, 2.5], series: { steps: ints, values: doubles }, label: 'x', ok: true }) as {
      summaries: (number | null)[];
      series: { steps: Int32Array; values: Float64Array };
    };
    expect(Object.is(back.summaries[0], NaN)).toBe(true);
    expect(back.summaries[1]).toBeNull();
    expect(Object.is(back.summaries[2], -0)).toBe(true);
    expect(back.summaries.slice(3)).toEqual([Infinity, 2.5]);
    expect(back.series.steps).toBeInstanceOf(Int32Array);
    expect(back.series.values).toBeInstanceOf(Float64Array);
    expect(new Uint8Array(back.series.values.buffer)).toEqual(new Uint8Array(doubles.buffer));
    expect(Array.from(back.series.steps)).toEqual(Array.from(ints));
    expect(back).toMatchObject({ label: 'x', ok: true });
  });

  it('refuses typed arrays it has no encoding for instead of mangling them', () => {
    expect(() => toWire({ v: new Float32Array(2) })).toThrow(/Float32Array/);
  });
});
