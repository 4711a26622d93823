// The main job's tables are written by the experiment layer's pipeline; the report only reads them.
export { writeScenarioTable, writeTargetResults } from '../experiment/pipeline/tables.js';
