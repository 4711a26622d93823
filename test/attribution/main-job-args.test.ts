import { describe, expect, it } from 'vitest';
import { mainJobArgs } from '../../src/cli/main-job-args.js';

describe('powderkeg with only the main job options', () => {
  it('runs the main job with --json, --workers, --out, --observed and --compare, and leaves every other command line to commander', () => {
    expect(mainJobArgs([])).toEqual({});
    expect(mainJobArgs(['--json', '--workers', '2', '--out', 'x'])).toEqual({ json: true, workers: 2, outDir: 'x' });
    expect(mainJobArgs(['--observed', 'f.csv', '--compare', 'a.yaml', '--compare', 'b.yaml'])).toEqual({ observed: 'f.csv', compare: ['a.yaml', 'b.yaml'] });
    expect(mainJobArgs(['--observed'])).toBeNull();
    expect(mainJobArgs(['--version'])).toBeNull();
    expect(mainJobArgs(['--help'])).toBeNull();
    expect(mainJobArgs(['run', 'a.yaml'])).toBeNull();
    expect(mainJobArgs(['--workers', 'many'])).toBeNull();
  });
});
