import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture.js';
import { root } from '../experiment/build.js';
import { tempDir } from '../experiment/helpers.js';
import { freePort } from './processes.js';

const SWEEP = join(root, 'experiments/epstein-sweep.yaml');

describe('distributed options on the command line', () => {
  it('reports every bad executor option at once, with exit code 2 and nothing written', async () => {
    const db = join(tempDir('pk-redis-cli-'), 'x.duckdb');
    const r = await runCli(['experiment', SWEEP, '--db', db, '--executor', 'cluster', '--redis', 'redis://127.0.0.1:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--executor: expected local or redis, found "cluster"');
    expect(r.stderr).toContain('--redis: only used with --executor redis');
    expect(existsSync(db)).toBe(false);
  });

  it('asks for --redis with --executor redis, and for a redis:// URL', async () => {
    const missing = await runCli(['experiment', SWEEP, '--executor', 'redis']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--redis: give the Redis URL/);
    const wrong = await runCli(['worker', '--redis', 'http://127.0.0.1:6379']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--redis: expected a redis:// or rediss:// URL, found "http://127.0.0.1:6379"');
  });

  it('fails fast, as a user error, when nothing answers at the Redis URL', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const db = join(tempDir('pk-redis-cli-'), 'x.duckdb');
    const submit = await runCli(['experiment', SWEEP, '--db', db, '--executor', 'redis', '--redis', url]);
    expect(submit.code).toBe(2);
    expect(submit.stderr).toContain(`--redis: cannot reach Redis at ${url}`);
    // A store that never got a run is not left behind.
    expect(existsSync(db)).toBe(false);
    const worker = await runCli(['worker', '--redis', url, '--concurrency', '1']);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain(`--redis: cannot reach Redis at ${url}`);
  }, 20_000);
});
