import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDir } from './helpers.js';
import { shippedScenario, writeExperiment } from '../fixtures/experiment-file.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
}

describe('powderkeg experiment and export', () => {
  afterEach(() => vi.restoreAllMocks());

  it('run an ensemble on the main thread, then export its tables as CSV', async () => {
    const dir = tempDir('pk-cli-');
    const file = writeExperiment(dir, 'tiny.yaml', {
      kind: 'ensemble',
      scenario: shippedScenario('scenarios/epstein/run2.yaml'),
      set: { grid: { width: 20, height: 20 } },
      replicates: 3,
      steps: 40,
      outputs: { indicators: ['active', 'jailed'], summaries: [{ name: 'max_jailed', stat: 'max', indicator: 'jailed' }] },
    });
    const db = join(dir, 'tiny.duckdb');
    let io = capture();
    expect(await main(['experiment', file, '--db', db, '--workers', '0', '--json'])).toBe(0);
    const summary = JSON.parse(io.out.join(''));
    expect(summary).toMatchObject({ kind: 'ensemble', runs: 3, ran: 3, failed: 0, workers: 0, db });
    expect(summary.tables).toEqual(['ensemble_bands', 'factors', 'manifest', 'model_meta', 'runs', 'scenario', 'series']);
    vi.restoreAllMocks();

    io = capture();
    const out = join(dir, 'csv');
    expect(await main(['export', db, '--format', 'csv', '--table', 'runs', '--table', 'ensemble_bands', '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['ensemble_bands.csv', 'runs.csv']);
    expect(io.out.join('')).toContain(`wrote ${join(out, 'runs.csv')}`);
    const bands = readFileSync(join(out, 'ensemble_bands.csv'), 'utf8').trim().split('\n');
    expect(bands[0]).toBe('indicator,step,runs,mean,q05,q25,q50,q75,q95');
    expect(bands).toHaveLength(1 + 2 * 41);
    vi.restoreAllMocks();

    io = capture();
    expect(await main(['export', db, '--format', 'xlsx', '--out', join(dir, 'x')])).toBe(2);
    expect(io.err.join('')).toContain('--format: expected parquet or csv, found "xlsx"');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});
