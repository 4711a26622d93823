import { UserError, type Problem } from '../errors.js';
import type { ModelDefinition } from '../models/types.js';
import { formatBytes, formatCount, LIMITS } from './limits.js';

/**
 * Refuses a scenario whose one run would be too large to build or to finish (LIMITS), before
 * anything is allocated: the model's own footprint (agents, cells, bytes) and its steps.
 */
export function checkRunSize(model: ModelDefinition, scenario: unknown, file: string, steps = model.defaultSteps(scenario), stepsField = 'steps'): void {
  const problems = runSizeProblems(model, scenario, file, steps, stepsField);
  if (problems.length > 0) throw new UserError(problems);
}

export function runSizeProblems(model: ModelDefinition, scenario: unknown, file: string | undefined, steps: number, stepsField = 'steps', seriesColumns = 0, every = 1): Problem[] {
  const problems: Problem[] = [];
  const fp = model.footprint?.(scenario);
  if (fp) {
    if (fp.cells > LIMITS.cells) problems.push({ file, path: 'grid', message: `${formatCount(fp.cells)} cells, more than the ${formatCount(LIMITS.cells)} a run may have; make the grid smaller` });
    if (fp.agents > LIMITS.agents) problems.push({ file, message: `${formatCount(fp.agents)} agents, more than the ${formatCount(LIMITS.agents)} a run may have; make the population smaller (fewer people, a lower density or more people per agent)` });
  }
  if (steps > LIMITS.steps) problems.push({ file, path: stepsField, message: `${formatCount(steps)} steps, more than the ${formatCount(LIMITS.steps)} a run may take; give fewer steps` });
  if (problems.length > 0) return problems;
  // A run keeps its series in memory until it is stored: 8 bytes a value, every n-th step.
  const seriesBytes = (Math.floor(steps / every) + 2) * seriesColumns * 8;
  const bytes = (fp?.bytes ?? 0) + seriesBytes;
  if (bytes > LIMITS.runBytes) {
    problems.push({
      file,
      message: `one run would need about ${formatBytes(bytes)} of memory (model ${formatBytes(fp?.bytes ?? 0)}, series ${formatBytes(seriesBytes)}), more than the ${formatBytes(LIMITS.runBytes)} allowed; ${seriesBytes > (fp?.bytes ?? 0) ? 'keep the series every n steps (every:), fewer indicators or fewer steps' : 'make the model smaller'}`,
    });
  }
  return problems;
}

/** A --steps (or steps:) value within LIMITS.steps, else a problem naming the option. */
export function stepsProblem(steps: number | undefined, option: string, file?: string): Problem | undefined {
  if (steps === undefined || steps <= LIMITS.steps) return undefined;
  return { file, path: option, message: `${formatCount(steps)} steps, more than the ${formatCount(LIMITS.steps)} a run may take; give fewer steps` };
}
