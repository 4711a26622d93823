import type { ModelDefinition } from '../models/types.js';
import { models as registeredModels } from '../models/registry.js';
import { UserError, type Problem } from '../errors.js';
import { applyOverrides, parseOverrides } from './overrides.js';
import { issuesToProblems } from './problems.js';
import { schemaPaths } from './schema-paths.js';
import { readYaml } from './yaml-document.js';
import { isPlausibleTypo, nearestWord } from './nearest.js';

export interface ScenarioOptions {
  /** `path=value` overrides, applied before validation. */
  readonly set?: readonly string[];
  /** Models to choose from; the registry by default. */
  readonly models?: readonly ModelDefinition[];
}

export interface ValidScenario<S = any> {
  readonly file: string;
  readonly model: ModelDefinition<S>;
  /** The scenario as the model's schema parsed it (defaults filled in). */
  readonly scenario: S;
}

/**
 * Pure (browser-safe) part of loading: YAML text to a validated scenario. Collects every
 * problem it can find and throws them together as one UserError.
 */
export function parseScenarioText(text: string, file: string, options: ScenarioOptions = {}): ValidScenario {
  const { data, problems } = readYaml(text, file);
  if (problems.length > 0) throw new UserError(problems);
  return validateScenarioDocument(data, file, options);
}

/** Validates an already-parsed document (e.g. from the workbench) against its model's schema. */
export function validateScenarioDocument(doc: unknown, file: string, options: ScenarioOptions = {}): ValidScenario {
  const candidates = options.models ?? registeredModels;
  const model = pickModel(doc, file, candidates);
  const parsed = parseOverrides(options.set ?? [], file);
  // The field paths are needed only to check overrides and to explain problems.
  const validPaths = () => schemaPaths(model.schema);
  const applied = parsed.overrides.length > 0 ? applyOverrides(doc, parsed.overrides, validPaths(), file) : { doc, problems: [] };
  const overrideProblems = [...parsed.problems, ...applied.problems];
  if (overrideProblems.length > 0) throw new UserError(overrideProblems);
  // jitless: zod would otherwise generate (new Function) and compile a parser for every object
  // of the schema on first use, which costs more than it saves for a document parsed once
  // (validate of the Kazakhstan scenario: about 20 ms of its start-up).
  const result = model.schema.safeParse(applied.doc, { reportInput: true, jitless: true });
  if (!result.success) {
    throw new UserError(issuesToProblems(result.error.issues, { file, input: applied.doc, validPaths: validPaths() }));
  }
  return { file, model, scenario: result.data };
}

function pickModel(doc: unknown, file: string, candidates: readonly ModelDefinition[]): ModelDefinition {
  const known = candidates.map((m) => m.id);
  const knownText = known.length > 0 ? `known models are ${known.join(', ')}` : 'no models are registered';
  const fail = (path: string | undefined, message: string): never => {
    throw new UserError({ file, path, message } satisfies Problem);
  };
  if (doc === null || doc === undefined) return fail(undefined, `the file is empty; a scenario starts with "model:" (${knownText})`);
  if (typeof doc !== 'object' || Array.isArray(doc)) return fail(undefined, 'expected a scenario (a group of fields with "model:"), found something else');
  const id = (doc as Record<string, unknown>).model;
  if (id === undefined) return fail('model', `required field is missing: say which model this scenario is for (${knownText})`);
  if (typeof id !== 'string') return fail('model', `expected a model name as text (${knownText})`);
  const model = candidates.find((m) => m.id === id);
  if (!model) {
    const guess = nearestWord(id, known);
    const hint = guess !== undefined && isPlausibleTypo(id, guess) ? `did you mean "${guess}"? ` : '';
    return fail('model', `unknown model "${id}"; ${hint}${knownText}`);
  }
  return model;
}
