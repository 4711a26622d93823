/** @deprecated UserError lives in src/errors.ts, below every layer; import it from there. */
export { UserError, isUserError, formatProblem, type Problem } from '../errors.js';
