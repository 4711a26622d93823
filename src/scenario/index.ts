/** Browser-safe scenario API; Node-only loading from files is in `./load.js`. */
export { UserError, isUserError, formatProblem, type Problem } from '../errors.js';
export { parseScenarioText, validateScenarioDocument, type ScenarioOptions, type ValidScenario } from './validate.js';
export { schemaPaths } from './schema-paths.js';
export { nearestPath, levenshtein } from './nearest.js';
export { issuesToProblems } from './problems.js';
export { parseOverrides, applyOverrides, type Override } from './overrides.js';
export { canonicalJson } from './canonical-json.js';
export { scenarioJsonSchema, scenarioSchemaFile } from './json-schema.js';
export { formatPath, parsePath } from './field-path.js';
