import { resolve } from 'node:path';
import type { SteppableModel } from '../engine/model.js';
import { UserError, type Problem } from '../errors.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { stepsProblem } from '../scenario/run-size.js';
import { checkOutputPath } from '../store/sinks/sink-for-file.js';
import { disableProblems, wholeNumberOption } from './option-values.js';

export interface RunOptions {
  seed?: string;
  steps?: string;
  set?: string[];
  disable?: string[];
  out?: string;
  outRegions?: string;
  every?: string;
  json?: boolean;
}

export interface RunPlan {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly steps: number;
  readonly every: number;
  readonly disable: readonly string[];
  readonly out?: string;
  readonly outRegions?: string;
  /** Built but not yet stepped. */
  readonly model: SteppableModel;
}

/**
 * Everything `run` can check before it writes a byte: the scenario, the numbers, the mechanism
 * ids, the output paths, and whether the model has grouped series for --out-regions.
 */
export function planRun(file: string, options: RunOptions): RunPlan {
  const loaded = loadScenario(file, { set: options.set ?? [] });
  const problems: Problem[] = [];
  const seed = wholeNumberOption(options.seed ?? '1', '--seed', 0, problems);
  const steps = wholeNumberOption(options.steps, '--steps', 0, problems) ?? loaded.model.defaultSteps(loaded.scenario);
  const every = wholeNumberOption(options.every ?? '1', '--every', 1, problems, 10_000_000);
  const tooLong = stepsProblem(steps, options.steps === undefined ? 'steps' : '--steps', options.steps === undefined ? file : undefined);
  if (tooLong) problems.push(tooLong);
  const disable = options.disable ?? [];
  problems.push(...disableProblems(loaded.model, disable));
  for (const [path, option] of [[options.out, '--out'], [options.outRegions, '--out-regions']] as const) {
    if (path === undefined) continue;
    try {
      checkOutputPath(path, option);
    } catch (err) {
      if (err instanceof UserError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (options.out !== undefined && options.outRegions !== undefined && resolve(options.out) === resolve(options.outRegions)) {
    problems.push({ file: options.out, path: '--out-regions', message: 'the same file as --out; give a different name' });
  }
  if (problems.length > 0) throw new UserError(problems);
  const model = loaded.model.create(loaded.scenario, seed!, { disable });
  if (options.outRegions !== undefined && (!model.groupColumns || !model.observeGroups)) {
    throw new UserError({ path: '--out-regions', message: `the ${loaded.model.id} model has no per-region series` });
  }
  return { loaded, seed: seed!, steps, every: every!, disable, out: options.out, outRegions: options.outRegions, model };
}
