import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from '../../src/server/app.js';
import { fullStore } from '../report/fixture-stores.js';

/**
 * The API of docs/serve.md, driven in-process (Fastify's inject: real routing, parsing and
 * error handling, no sockets). Experiments started here run on the main thread (workers: 0).
 */

let dir: string;
let outside: string;
let server: Server;
let port: number;

/**
 * Over a real socket, the path exactly as written: Fastify's inject (like any WHATWG URL)
 * would resolve ".." and "%2e%2e" before the server saw them, hiding what a raw client can send.
 */
function raw(path: string, host = '127.0.0.1'): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers: { host: '127.0.0.1:8600', ...headers } });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'POST', url, payload: payload as string, headers: { host: '127.0.0.1:8600', 'content-type': 'application/json', ...headers } });

/** A JSON error: code, message, and never a stack trace. */
function expectJsonError(res: { statusCode: number; headers: Record<string, unknown>; body: string; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = res.json() as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(res.body).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  return body.error;
}

async function waitFor(id: string) {
  for (let i = 0; i < 600; i++) {
    const s = (await get(`/api/experiments/${id}`)).json() as { state: string };
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`experiment ${id} did not finish`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pk-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'pk-serve-outside-'));
  mkdirSync(join(dir, 'sub'));
  await fullStore(join(dir, 'sub'));
  const secret = await fullStore(outside);
  writeFileSync(join(outside, 'secret.txt'), 'not yours');
  symlinkSync(secret.db, join(dir, 'escape.duckdb'));
  symlinkSync(outside, join(dir, 'linked-folder'));
  server = await createServer({ dir, host: '127.0.0.1', workers: 0, webDist: join(dir, 'no-web-here') });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  port = (server.app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await server?.app.close();
});

describe('powderkeg serve: reading stores', () => {
  it('lists the stores inside the folder and none reached through a symlink out of it', async () => {
    const res = await get('/api/stores');
    expect(res.statusCode).toBe(200);
    const { stores } = res.json() as { stores: { id: string; state: string; kind: string; runs: number; runsExpected: number }[] };
    expect(stores.map((s) => s.id)).toEqual(['sub/full.duckdb']);
    expect(stores[0]).toMatchObject({ state: 'complete', kind: 'backtest', runs: 10, runsExpected: 10 });
  });

  it('answers the manifest, runs, bands, analyses and a table page of a store', async () => {
    const m = (await get('/api/stores/sub/full.duckdb/manifest')).json() as { model: string; tables: { name: string; rows: number }[]; experiment: { kind: string } };
    expect(m.model).toBe('aftermath');
    expect(m.experiment.kind).toBe('backtest');
    expect(m.tables.find((t) => t.name === 'runs')?.rows).toBe(10);
    const runs = (await get('/api/stores/sub/full.duckdb/runs?limit=3&offset=2')).json() as { rows: unknown[][]; total: number; columns: { name: string }[] };
    expect(runs.total).toBe(10);
    expect(runs.rows.map((r) => r[runs.columns.findIndex((c) => c.name === 'replicate')])).toEqual([2, 3, 4]);
    const bands = (await get('/api/stores/sub/full.duckdb/bands?indicator=detained')).json() as { rows: unknown[][] };
    expect(bands.rows.length).toBe(14);
    expect(bands.rows.every((r) => r[0] === 'detained')).toBe(true);
    const analyses = (await get('/api/stores/sub/full.duckdb/analyses')).json() as { tables: Record<string, unknown> };
    expect(Object.keys(analyses.tables)).toEqual(expect.arrayContaining(['sensitivity', 'posterior', 'prim_boxes', 'attribution', 'ensemble_bands']));
    expect(Object.keys(analyses.tables)).not.toContain('runs');
    const csv = await get('/api/stores/sub/full.duckdb/tables/sensitivity.csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('output,method,factor,index,value,ci_low,ci_high');
  });

  it('renders the report of a store on demand', async () => {
    const res = await get('/api/stores/sub/full.duckdb/report');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<span class="status complete" id="status">complete</span>');
    expect((res.body.match(/<figure class="chart[ "]/g) ?? []).length).toBeGreaterThan(10);
  });
});

describe('powderkeg serve: confinement', () => {
  it.each([
    ['a ".." segment', '/api/stores/../x.duckdb/runs', 400, 'bad-path'],
    ['".." inside a store id', '/api/stores/sub/../sub/full.duckdb/runs', 400, 'bad-path'],
    ['an absolute path', '/api/stores//etc/passwd.duckdb/runs', 400, 'bad-path'],
    ['an encoded dot-dot', '/api/stores/%2e%2e/%2e%2e/x.duckdb', 400, 'bad-path'],
    ['an encoded slash', '/api/stores/sub%2Ffull.duckdb/runs', 400, 'bad-path'],
    ['an encoded backslash', '/api/stores/..%5Cx.duckdb', 400, 'bad-path'],
    ['a symlinked store out of the folder', '/api/stores/escape.duckdb/runs', 404, 'not-found'],
    ['a store through a symlinked folder', '/api/stores/linked-folder/full.duckdb/manifest', 404, 'not-found'],
    ['a file that is not a store', '/api/stores/linked-folder/secret.txt', 400, 'bad-path'],
    ['a missing store', '/api/stores/nothing.duckdb/runs', 404, 'not-found'],
    ['a static file outside the web folder', '/../../../etc/passwd', 404, 'not-found'],
  ])('refuses %s', async (_what, url, status, code) => {
    const res = await raw(url);
    expectJsonError(res, status, code);
    expect(res.body).not.toContain('not yours');
  });

  it('answers only requests addressed to loopback', async () => {
    expectJsonError(await raw('/api/health', 'attacker.example:8600'), 421, 'wrong-host');
    expect((await raw('/api/health', `localhost:${port}`)).statusCode).toBe(200);
  });
});

describe('powderkeg serve: limits and bad requests', () => {
  it('refuses a body over 1 MiB, a body that is not JSON and malformed JSON', async () => {
    expectJsonError(await post('/api/experiments', JSON.stringify({ experiment: 'x'.repeat(1_100_000) })), 413, 'body-too-large');
    expectJsonError(await post('/api/experiments', 'kind: ensemble', { 'content-type': 'text/yaml' }), 415, 'not-json');
    expectJsonError(await post('/api/experiments', '{"experiment": '), 400, 'bad-request');
  });

  it('refuses pages beyond the row limit and answers beyond the size limit', async () => {
    expectJsonError(await get('/api/stores/sub/full.duckdb/runs?limit=10001'), 400, 'bad-query');
    expectJsonError(await get('/api/stores/sub/full.duckdb/runs?offset=-1'), 400, 'bad-query');
    const small = await createServer({ dir, host: '127.0.0.1', workers: 0, webDist: join(dir, 'none'), maxResponseBytes: 4096 });
    const res = await small.app.inject({ method: 'GET', url: '/api/stores/sub/full.duckdb/bands', headers: { host: 'localhost' } });
    await small.app.close();
    expectJsonError(res, 413, 'response-too-large');
  });

  it('names unknown routes, tables and series columns', async () => {
    expectJsonError(await get('/api/nothing'), 404, 'not-found');
    expectJsonError(await get('/api/stores/sub/full.duckdb/tables/nope'), 404, 'not-found');
    expectJsonError(await get('/api/stores/sub/full.duckdb/series'), 404, 'not-found');
    expectJsonError(await get('/api/stores/sub/full.duckdb/teapot'), 404, 'not-found');
  });

  it('refuses an experiment that does not load, naming the field, and writes nothing', async () => {
    const res = await post('/api/experiments', { name: 'bad', experiment: 'kind: ensemble\nscenario: epstein/run2.yaml\nreplicates: -3\nseed: 1\n' });
    const err = expectJsonError(res, 400, 'invalid-experiment') as { problems?: { file?: string; path?: string; message: string }[] };
    expect(err.problems?.[0]).toMatchObject({ file: 'experiments/bad.yaml', path: 'replicates' });
    expect(readdirSync(join(dir, 'experiments'))).toEqual([]);
    expect(existsSync(join(dir, 'bad.duckdb'))).toBe(false);
    const escape = await post('/api/experiments', { name: 'esc', experiment: { kind: 'ensemble', scenario: '../outside.yaml', replicates: 1, seed: 1 } });
    expectJsonError(escape, 400, 'bad-path');
    expectJsonError(await post('/api/experiments', { name: '../x', experiment: { kind: 'ensemble' } }), 400, 'bad-body');
  });
});

describe('powderkeg serve: experiments from the browser', () => {
  it('runs a posted experiment through the runner into a store of the folder, then serves it', async () => {
    const experiment = 'kind: ensemble\nscenario: epstein/run2.yaml\nreplicates: 2\nseed: 5\nsteps: 15\n';
    const res = await post('/api/experiments', { name: 'from-browser', experiment });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id: 'from-browser', store: 'from-browser.duckdb', state: 'running', total: 2 });
    expectJsonError(await post('/api/experiments', { name: 'second', experiment }), 409, 'busy');
    const done = await waitFor('from-browser');
    expect(done).toMatchObject({ state: 'complete', done: 2, failed: 0 });
    expectJsonError(await post('/api/experiments', { name: 'from-browser', experiment }), 409, 'exists');
    const listed = (await get('/api/stores')).json() as { stores: { id: string; state: string }[] };
    expect(listed.stores.find((s) => s.id === 'from-browser.duckdb')?.state).toBe('complete');
    const series = (await get('/api/stores/from-browser.duckdb/series?replicate=1&columns=active,jailed')).json() as { columns: { name: string }[]; rows: unknown[][] };
    expect(series.columns.map((c) => c.name)).toEqual(['run_id', 'row', 'replicate', 'step', 'active', 'jailed']);
    expect(series.rows.length).toBe(16);
    expectJsonError(await post('/api/stores/from-browser.duckdb/resume', {}), 409, 'complete');
  });
});
