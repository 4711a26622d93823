/** Bounds of a numeric field as its JSON Schema states them. */
export interface NumericBounds {
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface SliderRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** zod writes "no upper bound" on whole numbers as Number.MAX_SAFE_INTEGER. */
const UNBOUNDED = 1e9;

/** The smallest 1, 2 or 5 times a power of ten that is at least x (x > 0). */
export function niceAbove(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x - 1e-12 * p) return m * p;
  return 10 * p;
}

/**
 * A slider's travel for a field: its declared bounds where it has them, otherwise from the
 * lower bound to a round number above twice the current value, so the value sits mid-slider.
 * The number box beside it still takes anything the schema allows.
 */
export function sliderRange(b: NumericBounds, value: number): SliderRange | undefined {
  if (!Number.isFinite(value)) return undefined;
  const declaredMin = b.minimum ?? b.exclusiveMinimum;
  const declaredMax = b.maximum ?? b.exclusiveMaximum;
  const hasMax = declaredMax !== undefined && Math.abs(declaredMax) < UNBOUNDED;
  const min = declaredMin !== undefined && Math.abs(declaredMin) < UNBOUNDED ? declaredMin : value < 0 ? -niceAbove(-2 * value) : 0;
  const floor = b.integer ? 10 : 1;
  const max = hasMax ? declaredMax : min + niceAbove(Math.max(2 * (value - min), floor));
  if (!(max > min)) return undefined;
  const step = b.integer ? 1 : niceBelow((max - min) / 1000);
  return { min, max, step };
}

function niceBelow(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2, 1]) if (m * p <= x + 1e-12 * p) return m * p;
  return p;
}
