import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InlineExecutor } from '../../src/experiment/inline-executor.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { ensureBuilt, root } from '../support/build.js';

/**
 * An experiment started through the API, its server killed with SIGKILL mid-run, the server
 * started again and the store resumed through the API: the store must hold what an
 * uninterrupted run of the same experiment holds (runs, series, bands), each run once.
 */

const EXPERIMENT = 'kind: ensemble\nscenario: epstein/run2.yaml\nreplicates: 10\nseed: 77\nsteps: 1500\nevery: 10\n';
let dir: string;
const children: ChildProcess[] = [];

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin/powderkeg.js'), 'serve', '--port', '0', '--dir', dir, '--workers', '1', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"url": "([^"]+)"/.exec(out);
      if (m) resolve({ child, url: m[1].replace(/\/$/, '') });
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
  });
}

async function api(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const v = await f();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function tableRows(db: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowsJS();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'pk-serve-resume-'));
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('an experiment started through powderkeg serve', () => {
  it('resumes after the server is killed mid-run, into the same store an uninterrupted run makes', async () => {
    const first = await startServer();
    const started = await api(`${first.url}/api/experiments`, postJson({ name: 'killed', experiment: EXPERIMENT }));
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const total = started.body.total as number;
    expect(total).toBe(10);
    // Kill once some runs are done, and so committed (a finished run waits at most 500 ms and a
    // run of 1,500 steps takes longer than that), well before the end.
    await until(() => api(`${first.url}/api/experiments/killed`), (s) => s.body.done >= 3, 'some runs');
    const before = (await api(`${first.url}/api/experiments/killed`)).body;
    expect(before.state).toBe('running');
    expect(before.done).toBeLessThan(total);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startServer();
    const listed = (await api(`${second.url}/api/stores`)).body.stores as { id: string; state: string; resumable: boolean; runs: number }[];
    const store = listed.find((s) => s.id === 'killed.duckdb');
    expect(store).toMatchObject({ state: 'incomplete', resumable: true });
    expect(store!.runs).toBeGreaterThan(0);
    expect(store!.runs).toBeLessThan(total);
    const resumed = await api(`${second.url}/api/stores/killed.duckdb/resume`, postJson({}));
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(202);
    const done = await until(() => api(`${second.url}/api/experiments/killed`), (s) => s.body.state !== 'running', 'the resumed run');
    expect(done.body).toMatchObject({ state: 'complete', total, done: total, failed: 0 });
    // The runs recorded before the kill were kept, not run again.
    expect(done.body.skipped).toBe(store!.runs);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));

    // The same experiment file, uninterrupted, through the CLI's runner.
    const reference = join(dir, 'reference.duckdb');
    await runExperiment(loadExperiment(join(dir, 'experiments/killed.yaml')), { db: reference, executor: (job) => new InlineExecutor(job) });
    const killed = join(dir, 'killed.duckdb');
    for (const sql of [
      'SELECT * EXCLUDE (elapsed_ms) FROM runs ORDER BY run_id',
      'SELECT * FROM series ORDER BY run_id, step',
      'SELECT * FROM ensemble_bands ORDER BY indicator, step',
      'SELECT count(*), count(DISTINCT run_id) FROM runs',
      'SELECT status FROM manifest',
    ]) {
      expect(await tableRows(killed, sql), sql).toEqual(await tableRows(reference, sql));
    }
    expect((await tableRows(killed, 'SELECT count(*) FROM runs'))[0][0]).toBe(10n);
  });
});
