import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDuckDb } from '../../src/store/duckdb.js';
import { shippedScenario, writeExperiment } from '../fixtures/experiment-file.js';

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pk-resume-diff-'));
const scenario = join(dir, 'run1.yaml');
const spec = { kind: 'ensemble', scenario, replicates: 2, steps: 20 } as const;

async function storeOf(name: string): Promise<string> {
  writeFileSync(scenario, readFileSync(shippedScenario('scenarios/epstein/run1.yaml')));
  const db = join(dir, `${name}.duckdb`);
  const made = await cli(['experiment', writeExperiment(dir, `${name}.yaml`, spec), '--db', db, '--workers', '0']);
  expect(made.code, made.stderr).toBe(0);
  return db;
}

describe('--resume of a store made by a changed experiment', () => {
  it('is refused on one line that names each changed field of the experiment and of its scenario, old and new value', async () => {
    const db = await storeOf('changed');
    const file = writeExperiment(dir, 'changed.yaml', { ...spec, steps: 30 });
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('legitimacy: 0.89', 'legitimacy: 0.8'));
    const r = await cli(['experiment', file, '--db', db, '--resume', '--workers', '0']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${db}: this store was made by a different experiment: `);
    expect(lines[0]).toContain('experiment.steps was 20, is now 30');
    expect(lines[0]).toContain('scenario.legitimacy was 0.89, is now 0.8');
    expect(lines[0]).toContain('choose another file with --db');
  }, 60_000);

  it('says the scenario changed, without fields, when an older store kept no scenario', async () => {
    const db = await storeOf('old');
    // A store of schema version 3 has no scenario_json; migrate adds the column empty.
    const h = await openDuckDb(db);
    await h.connection.run('UPDATE manifest SET scenario_json = NULL');
    h.close();
    writeFileSync(scenario, readFileSync(scenario, 'utf8').replace('legitimacy: 0.89', 'legitimacy: 0.8'));
    const r = await cli(['experiment', join(dir, 'old.yaml'), '--db', db, '--resume', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the scenario ${scenario} changed (this store is older than schema version 4 and did not keep it`);
    expect(r.stderr).not.toContain('experiment.');
  }, 60_000);
});
