import { Rng } from '../engine/random.js';
import { fullFactorial, latinHypercube, levelOf, monteCarlo, scaleToFactors, sobolSequence, type FactorValue } from './design/index.js';
import { factorialLevels, factorSpec, finishValue } from './factors.js';
import { factorColumnName, type Experiment } from './schema.js';

/** One design point: factor column name -> value. */
export type ParameterRow = Record<string, FactorValue>;

/**
 * The design points of a sweep or discovery experiment, in a fixed order. Random designs draw
 * from a generator derived from the experiment seed alone, so the rows never depend on workers.
 */
export function designRows(e: Experiment): ParameterRow[] {
  const factors = e.factors;
  if (factors.length === 0) return [{}];
  const design = e.design ?? { type: 'factorial' as const, levels: 3, n: undefined };
  if (design.type === 'factorial') {
    const levels = factors.map((f) => factorialLevels(f, design.levels));
    return fullFactorial(levels.map((l) => l.length)).map((u) => {
      const row: ParameterRow = {};
      factors.forEach((f, j) => (row[factorColumnName(f)] = levels[j][levelOf(u[j], levels[j].length)]));
      return row;
    });
  }
  const n = design.n as number;
  const rng = new Rng(e.seed, 'design');
  const points =
    design.type === 'lhs' ? latinHypercube(n, factors.length, rng) : design.type === 'sobol' ? sobolSequence(n, factors.length, { skipFirst: true }) : monteCarlo(n, factors.length, rng);
  return scaleRows(points, e);
}

/** Unit points to parameter rows, integers rounded. */
export function scaleRows(points: readonly (readonly number[])[], e: Experiment): ParameterRow[] {
  const specs = e.factors.map((f) => factorSpec(f, e.calibration?.priors[factorColumnName(f)]));
  return scaleToFactors(points, specs).map((row) => {
    for (const f of e.factors) {
      const name = factorColumnName(f);
      row[name] = finishValue(f, row[name]);
    }
    return row;
  });
}
