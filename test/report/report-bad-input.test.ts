import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';

async function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stderr };
}

afterEach(() => vi.restoreAllMocks());

describe('powderkeg report on something that is not a store of this version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pk-report-bad-'));

  it('names a missing file', async () => {
    const file = join(dir, 'nope.duckdb');
    const r = await runCli(['report', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${file}: file not found`);
  });

  it('says a text file is not a store, without a stack trace, and writes no report', async () => {
    const file = join(dir, 'notes.duckdb');
    writeFileSync(file, 'these are not the tables you are looking for\n');
    const r = await runCli(['report', file, '--out', join(dir, 'notes.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: not a powderkeg experiment store`);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(join(dir, 'notes.html'))).toBe(false);
  });

  it('says a DuckDB file without the experiment tables is not a store', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const file = join(dir, 'other.duckdb');
    const inst = await DuckDBInstance.create(file);
    const c = await inst.connect();
    await c.run('CREATE TABLE t (a INTEGER)');
    c.closeSync();
    inst.closeSync();
    const r = await runCli(['report', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no manifest and runs tables');
  });

  it('refuses a store made by another powderkeg version, naming both versions', async () => {
    const file = join(dir, 'old.duckdb');
    const store = await ExperimentStore.create(
      file,
      { powderkeg_version: '0.0.1-old', kind: 'ensemble', experiment_file: 'x.yaml', experiment_hash: 'h', scenario_file: 's.yaml', scenario_hash: 's', model: 'civil-violence', seed: 1, experiment_json: '{}' },
      { factors: [], summaries: [] },
    );
    store.close();
    const r = await runCli(['report', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/made by powderkeg 0\.0\.1-old, but this is powderkeg \d+\.\d+\.\d+/);
  });
});
