import type { FactorDistribution, FactorSpec, FactorValue } from './design/index.js';
import { factorColumnName, type Distribution, type Factor } from './schema.js';

/** A factor as the designs see it: a name and how a unit coordinate maps to its value. */
export function factorSpec(f: Factor, prior?: Distribution): FactorSpec {
  return { name: factorColumnName(f), ...factorDistribution(f, prior) };
}

function factorDistribution(f: Factor, prior?: Distribution): FactorDistribution {
  const d = prior ?? f.distribution;
  if (d) {
    switch (d.type) {
      case 'uniform':
        return f.integer ? { kind: 'integer', min: Math.ceil(d.min), max: Math.floor(d.max) } : { kind: 'uniform', min: d.min, max: d.max };
      case 'loguniform':
        return { kind: 'uniform', min: d.min, max: d.max, log: true };
      case 'normal':
        return { kind: 'normal', mean: d.mean, sd: d.sd };
      case 'triangular':
        return { kind: 'triangular', min: d.min, mode: d.mode, max: d.max };
    }
  }
  if (f.values) return { kind: 'list', values: f.values };
  const [min, max] = f.range as [number, number];
  if (f.integer) return { kind: 'integer', min: Math.ceil(min), max: Math.floor(max) };
  return { kind: 'uniform', min, max, log: f.scale === 'log' };
}

/**
 * Levels of a factor in a full factorial design: every listed value or integer, else `levels`
 * points of the range. Integers with more values than asked are thinned to `levels` too.
 */
export function factorialLevels(f: Factor, defaultLevels: number): FactorValue[] {
  if (f.values) return f.values;
  const spec = factorDistribution(f);
  const m = f.levels ?? defaultLevels;
  if (spec.kind === 'uniform' && f.range) {
    // Levels include both ends of the range: what a user expects of "3 levels of 0.7..0.9".
    const [min, max] = f.range;
    if (m === 1) return [f.scale === 'log' ? Math.sqrt(min * max) : (min + max) / 2];
    return Array.from({ length: m }, (_, k) =>
      f.scale === 'log' ? Math.exp(Math.log(min) + (k / (m - 1)) * (Math.log(max) - Math.log(min))) : min + (k / (m - 1)) * (max - min),
    );
  }
  if (spec.kind === 'integer') {
    const count = spec.max - spec.min + 1;
    if (count <= m) return Array.from({ length: count }, (_, k) => spec.min + k);
    return Array.from({ length: m }, (_, k) => Math.round(spec.min + (k / (m - 1)) * (spec.max - spec.min)));
  }
  throw new Error(`factor ${f.path}: a factorial design needs a range or a list of values`);
}

/** Round integer factors after scaling, so that the stored value is the one the model saw. */
export function finishValue(f: Factor, v: FactorValue): FactorValue {
  return f.integer && typeof v === 'number' ? Math.round(v) : v;
}
