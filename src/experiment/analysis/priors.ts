import type { Rng } from '../../engine/random.js';

/** Prior distributions for calibration, on the factor's natural scale. */
export type PriorDistribution =
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number }
  /** exp(N(meanlog, sdlog^2)). */
  | { readonly kind: 'lognormal'; readonly meanlog: number; readonly sdlog: number };

export type Prior = { readonly name: string } & PriorDistribution;

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export function samplePrior(p: PriorDistribution, rng: Rng): number {
  switch (p.kind) {
    case 'uniform':
      return rng.uniform(p.min, p.max);
    case 'normal':
      return rng.normal(p.mean, p.sd);
    case 'lognormal':
      return Math.exp(rng.normal(p.meanlog, p.sdlog));
  }
}

/** Log density; -Infinity outside the support. */
export function priorLogDensity(p: PriorDistribution, x: number): number {
  switch (p.kind) {
    case 'uniform':
      return x >= p.min && x <= p.max ? -Math.log(p.max - p.min) : -Infinity;
    case 'normal': {
      const z = (x - p.mean) / p.sd;
      return -0.5 * z * z - Math.log(p.sd) - LOG_SQRT_2PI;
    }
    case 'lognormal': {
      if (!(x > 0)) return -Infinity;
      const z = (Math.log(x) - p.meanlog) / p.sdlog;
      return -0.5 * z * z - Math.log(p.sdlog * x) - LOG_SQRT_2PI;
    }
  }
}

export function jointPriorLogDensity(priors: readonly PriorDistribution[], x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < priors.length; i++) s += priorLogDensity(priors[i], x[i]);
  return s;
}
