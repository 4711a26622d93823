import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalJson } from './canonical-json.js';
import { UserError } from '../errors.js';
import { parseScenarioText, type ScenarioOptions, type ValidScenario } from './validate.js';

/** Node-only: reading files and hashing. The parse/validate logic itself is browser-safe. */

export interface LoadedScenario<S = any> extends ValidScenario<S> {
  /** sha256 (hex) of the canonical JSON of the parsed scenario: same content, same hash. */
  readonly hash: string;
}

export function loadScenario(file: string, options: ScenarioOptions = {}): LoadedScenario {
  const text = readTextFile(file);
  const valid = parseScenarioText(text, file, options);
  return { ...valid, hash: hashScenario(valid.scenario) };
}

export function hashScenario(scenario: unknown): string {
  return createHash('sha256').update(canonicalJson(scenario)).digest('hex');
}

/** Reads a user-named file; a missing or unreadable file is the user's problem, not a crash. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' :
      code === 'EISDIR' ? 'this is a directory, not a file' :
      code === 'EACCES' ? 'permission denied' :
      `cannot read the file (${(err as Error).message})`;
    throw new UserError({ file, message });
  }
}
