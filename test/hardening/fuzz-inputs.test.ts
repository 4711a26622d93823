import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { loadScenario } from '../../src/scenario/load.js';
import { root } from '../support/build.js';

/**
 * Property: no mutant of a shipped scenario or experiment file makes powderkeg fail with
 * anything but a UserError (which the CLI prints as one line per problem, exit 2). Mutants are
 * textual, as a user or an attacker would make them: lines dropped, duplicated or cut, values
 * swapped for hostile ones, invalid UTF-8 bytes, alias bombs, deep nesting.
 */

// The shipped files, copied so that mutants sit beside the files they refer to.
const work = mkdtempSync(join(tmpdir(), 'pk-fuzz-'));
cpSync(join(root, 'scenarios'), join(work, 'scenarios'), { recursive: true });
cpSync(join(root, 'experiments'), join(work, 'experiments'), { recursive: true });
const scenarioFiles = [
  ...readdirSync(join(work, 'scenarios/epstein')).map((f) => join(work, 'scenarios/epstein', f)),
  join(work, 'scenarios/kazakhstan-2022.yaml'),
].filter((f) => f.endsWith('.yaml'));
const experimentFiles = readdirSync(join(work, 'experiments'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(work, 'experiments', f));

const HOSTILE = ['0', '-1', '1e12', '-.inf', '.nan', '""', '[]', '{}', 'null', '[0.9, 0.7]', 'x', '*undefined_alias', '&a [*a]', '99999999999999999999', '"\\u0000"', "'", '[[[[[[', 'true'];

const bomb = (() => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  return text;
})();

type Mutation = (lines: string[]) => string | Buffer;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i): Mutation => (lines) => lines.filter((_, k) => k !== i % lines.length).join('\n')),
  fc.nat().map((i): Mutation => (lines) => [...lines.slice(0, (i % lines.length) + 1), ...lines.slice(i % lines.length)].join('\n')),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)).map(([i, v]): Mutation => (lines) =>
    lines.map((l, k) => (k === i % lines.length ? l.replace(/:\s*(.+)$/, `: ${v}`) : l)).join('\n')),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)).map(([i, v]): Mutation => (lines) => {
    // a value replaced inside a flow collection ({ a: 1, b: 2 } or [1, 2])
    const k = i % lines.length;
    const out = [...lines];
    let n = 0;
    out[k] = out[k].replace(/(-?[\d.]+|\w+)(?=\s*[,\]}])/g, (m) => (n++ === i % 3 ? v : m));
    return out.join('\n');
  }),
  fc.nat().map((i): Mutation => (lines) => lines.join('\n').slice(0, i % (lines.join('\n').length + 1))),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([i, bytes]): Mutation => (lines) => {
    const text = Buffer.from(lines.join('\n'), 'utf8');
    const at = i % (text.length + 1);
    return Buffer.concat([text.subarray(0, at), Buffer.from(bytes.map((b) => b | 0x80)), text.subarray(at)]);
  }),
  fc.constant<Mutation>((lines) => `${lines.join('\n')}\n${bomb}`),
  fc.nat({ max: 3000 }).map((n): Mutation => (lines) => `${lines.join('\n')}\nzz: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.constant<Mutation>(() => ''),
);

function expectOnlyUserErrors(load: () => unknown, file: string): void {
  try {
    load();
  } catch (err) {
    if (!isUserError(err)) throw new Error(`internal error for a mutant of ${file}: ${(err as Error)?.stack ?? String(err)}`);
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(p.message).not.toContain('\n');
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.file).toBeDefined();
    }
  }
}

function property(files: string[], load: (file: string) => unknown, runs: number) {
  let n = 0;
  fc.assert(
    fc.property(fc.constantFrom(...files), mutation, (file, mutate) => {
      const mutant = file.replace(/\.yaml$/, `.mutant-${n++}.yaml`);
      writeFileSync(mutant, mutate(readFileSync(file, 'utf8').split('\n')));
      expectOnlyUserErrors(() => load(mutant), mutant);
    }),
    { seed: 20221231, numRuns: runs },
  );
}

describe('fuzzed input files (fast-check, fixed seed)', () => {
  it('no mutant of a shipped scenario gives anything but a clean user error', () => {
    property(scenarioFiles, (f) => loadScenario(f), 150);
  }, 120_000);

  it('no mutant of a shipped experiment gives anything but a clean user error', () => {
    property(experimentFiles, (f) => loadExperiment(f), 80);
  }, 180_000);
});
