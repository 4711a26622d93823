import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { readInputFile, type ReadInputOptions } from './read-input.js';
import { checkRunSize } from './run-size.js';
import { parseScenarioText, type ScenarioOptions, type ValidScenario } from './validate.js';

/** Node-only: reading files and hashing. The parse/validate logic itself is browser-safe. */

export interface LoadedScenario<S = any> extends ValidScenario<S> {
  /** sha256 (hex) of the canonical JSON of the parsed scenario: same content, same hash. */
  readonly hash: string;
}

export function loadScenario(file: string, options: ScenarioOptions = {}): LoadedScenario {
  const text = readTextFile(file);
  const valid = parseScenarioText(text, file, options);
  checkRunSize(valid.model, valid.scenario, file);
  return { ...valid, hash: hashScenario(valid.scenario) };
}

export function hashScenario(scenario: unknown): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

/** Reads a user-named file; a missing, unreadable, oversized or non-UTF-8 file is the user's problem, not a crash. */
export function readTextFile(file: string, options?: ReadInputOptions): string {
  return readInputFile(file, options);
}
