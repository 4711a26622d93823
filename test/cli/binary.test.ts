import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeScenario } from '../scenario/helpers.js';
import { ensureBuilt, powderkeg } from './built-binary.js';

beforeAll(() => ensureBuilt());

describe('the built powderkeg binary', () => {
  it('prints help and version', () => {
    const help = powderkeg(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: powderkeg/);
    expect(help.stdout).toContain('validate');
    expect(powderkeg(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports bad input in one line, exit 2, no stack trace, no output file', () => {
    const dir = tempDir();
    const bad = writeScenario(dir, 'bad.yaml', 'model: x\n  grid: 1\n');
    for (const args of [['run', join(dir, 'nope.yaml'), '--out', join(dir, 'o.csv')], ['run', bad, '--out', join(dir, 'o.csv')], ['validate', bad]]) {
      const r = powderkeg(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/(nope|bad)\.yaml: /);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});
