import { describe, expect, it } from 'vitest';
import { isShortRun } from '../../src/cli/short-run.js';

const first = (argv: string[]) => argv.find((a) => !a.startsWith('-'));

describe('which command lines count as short runs (V8 tuned for start-up, src/cli/short-run.ts)', () => {
  it('help, version, validate and schema do', () => {
    for (const argv of [['--version'], ['-V'], ['--help'], [], ['help', 'run'], ['validate', 'a.yaml'], ['validate', 'a.yaml', '--json'], ['schema'], ['run', 'a.yaml', '--help'], ['experiment', '-h']]) {
      expect(isShortRun(argv, first(argv)), argv.join(' ')).toBe(true);
    }
  });

  it('the commands that simulate, serve or work a queue do not', () => {
    for (const argv of [['run', 'a.yaml'], ['experiment', 'e.yaml', '--workers', '2'], ['targets', 'a.yaml'], ['serve'], ['worker', '--redis', 'redis://x'], ['backtest', 'a.yaml'], ['report', 's.duckdb']]) {
      expect(isShortRun(argv, first(argv)), argv.join(' ')).toBe(false);
    }
  });
});
