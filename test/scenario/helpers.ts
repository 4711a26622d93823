import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError, type Problem } from '../../src/scenario/errors.js';

export function tempDir(prefix = 'powderkeg-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeScenario(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs `fn`, expects a UserError, and returns its problems. */
export function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err.problems;
    throw err;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}
