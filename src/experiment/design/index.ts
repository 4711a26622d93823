/** Experimental designs: points in the unit hypercube [0,1)^d, mapped to factor values by `scaleToFactors`. */
export { fullFactorial, levelOf } from './factorial.js';
export { latinHypercube, minPairDistance2, type LatinHypercubeOptions } from './latin-hypercube.js';
export { SobolSequence, sobolSequence, SOBOL_MAX_DIMENSION, type SobolOptions } from './sobol.js';
export { monteCarlo } from './monte-carlo.js';
export { normalCdf, normalInverseCdf, normalPdf } from './normal.js';
export {
  scaleValue,
  scalePoint,
  scaleToFactors,
  type FactorValue,
  type FactorDistribution,
  type FactorSpec,
} from './scale.js';
