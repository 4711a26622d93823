import { storeMismatch } from '../experiment/store-mismatch.js';
import { readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadExperiment } from '../experiment/load.js';
import { renderReport } from '../report/build.js';
import type { ReadOnlyStore } from '../report/open-store.js';
import { isUserError } from '../errors.js';
import { quoteIdent } from '../store/sql-types.js';
import { confinedFile, isInside } from './confine.js';
import { HttpError } from './http-error.js';
import type { Jobs } from './jobs.js';
import type { Responder } from './respond.js';
import { findStores, summarise, withStore } from './stores.js';
import { columnTypes, readTablePage, type PageQuery } from './table-page.js';

const CORE_TABLES = new Set(['manifest', 'factors', 'runs', 'series']);
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Query = PageQuery & Record<string, string | undefined>;

/** The read side of the API (docs/serve.md): stores, their tables and their report. */
export function storeRoutes(app: FastifyInstance, root: string, jobs: Jobs, r: Responder): void {
  const inside = async (file: string) => {
    const real = await realpath(file).catch(() => '');
    return real !== '' && isInside(root, real);
  };

  app.get('/api/stores', async (_req, reply) => {
    const ids = await findStores(root);
    const stores = [];
    for (const id of ids) stores.push(await summarise(root, id, jobs, inside));
    return r.json(reply, { dir: root, stores });
  });

  app.get('/api/stores/*', async (req, reply) => {
    const { id, file, resource } = await locate(root, (req.params as { '*': string })['*']);
    const running = jobs.runningFor(file);
    if (running) throw new HttpError(409, 'running', `experiment "${running.id}" is still writing this store (${running.done} of ${running.total} runs); see GET /api/experiments/${running.id}`);
    const q = req.query as Query;
    if (resource === 'report') {
      const report = await renderReport(file).catch(userErrorAs409);
      return r.send(reply.type('text/html; charset=utf-8'), report.html);
    }
    return withStore(file, async (store) => {
      if (resource === '' || resource === 'manifest') return r.json(reply, await manifestOf(store, id));
      if (resource === 'runs') return r.json(reply, await readTablePage(store, 'runs', q));
      if (resource === 'series') return r.json(reply, await seriesPage(store, q));
      if (resource === 'bands') {
        if (!store.tables.has('ensemble_bands')) throw new HttpError(404, 'not-found', 'this store has no ensemble bands');
        const where = q.indicator !== undefined ? [`indicator = ${sqlString(q.indicator)}`] : [];
        return r.json(reply, await readTablePage(store, 'ensemble_bands', { ...q, limit: q.limit ?? '10000' }, { where }));
      }
      if (resource === 'analyses') {
        const tables: Record<string, unknown> = {};
        for (const t of [...store.tables].sort()) if (!CORE_TABLES.has(t)) tables[t] = await readTablePage(store, t, q);
        return r.json(reply, { tables });
      }
      const table = /^tables\/([^/]+)$/.exec(resource)?.[1];
      if (table !== undefined) {
        const csv = table.endsWith('.csv');
        const name = csv ? table.slice(0, -4) : table;
        if (!TABLE_NAME.test(name) || !store.tables.has(name)) throw new HttpError(404, 'not-found', `the store has no table "${name}"; it has ${[...store.tables].sort().join(', ')}`);
        if (!csv) return r.json(reply, await readTablePage(store, name, q));
        return r.send(reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`), await tableCsv(store, name, r));
      }
      throw new HttpError(404, 'not-found', `no "${resource}" for a store; see docs/serve.md (manifest, runs, series, bands, analyses, tables/NAME, report)`);
    });
  });

  app.post('/api/stores/*', async (req, reply) => {
    const { id, file, resource } = await locate(root, (req.params as { '*': string })['*']);
    if (resource !== 'resume') throw new HttpError(404, 'not-found', `POST /api/stores/{id}/${resource} does not exist; POST /api/stores/{id}/resume does`);
    if (jobs.runningFor(file)) throw new HttpError(409, 'running', 'this store is being written now');
    const m = await withStore(file, async (store) => (await store.query('SELECT * FROM manifest'))[0]);
    if (m.status === 'complete') throw new HttpError(409, 'complete', 'this store is complete: nothing to resume');
    const experimentFile = String(m.experiment_file ?? '');
    const cli = `powderkeg experiment ${JSON.stringify(experimentFile)} --db ${JSON.stringify(file)} --resume`;
    if (!(await inside(experimentFile))) throw new HttpError(409, 'not-resumable', `its experiment file is not inside the served folder; resume it with: ${cli}`);
    let x;
    try {
      x = loadExperiment(experimentFile);
    } catch (err) {
      if (isUserError(err)) throw new HttpError(409, 'not-resumable', 'its experiment file no longer loads', err.problems);
      throw err;
    }
    if (x.hash !== m.experiment_hash) {
      const changed = storeMismatch({ experiment_json: String(m.experiment_json), scenario_hash: String(m.scenario_hash), scenario_json: m.scenario_json == null ? null : String(m.scenario_json) }, x);
      throw new HttpError(409, 'not-resumable', `its experiment has changed since the store was made: ${changed}`);
    }
    const jobId = id.replace(/\.duckdb$/, '');
    const status = jobs.start(x, { id: jobId, store: id, experimentFile: experimentFile.startsWith(root) ? experimentFile.slice(root.length + 1) : experimentFile }, file, true);
    return r.json(reply.code(202), status);
  });
}

async function locate(root: string, rest: string): Promise<{ id: string; file: string; resource: string }> {
  const m = /^(.+?\.duckdb)(?:\/(.*))?$/.exec(rest);
  if (!m) throw new HttpError(400, 'bad-path', 'a store id is a path relative to the served folder ending in .duckdb');
  const file = await confinedFile(root, m[1], 'store');
  return { id: m[1], file, resource: (m[2] ?? '').replace(/\/$/, '') };
}

function userErrorAs409(err: unknown): never {
  if (isUserError(err)) throw new HttpError(409, 'unreadable', err.problems.map((p) => p.message).join('; '), err.problems);
  throw err;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

async function manifestOf(store: ReadOnlyStore, id: string): Promise<Record<string, unknown>> {
  const { experiment_json, layout_json, scenario_json, ...m } = (await store.query('SELECT * FROM manifest'))[0];
  const parse = (s: unknown) => {
    try {
      return JSON.parse(String(s)) as unknown;
    } catch {
      return null;
    }
  };
  const tables = [];
  for (const t of [...store.tables].sort()) tables.push({ name: t, rows: Number((await store.query(`SELECT count(*) AS n FROM ${quoteIdent(t)}`))[0].n) });
  const factors = await store.query('SELECT * FROM factors');
  const meta = store.tables.has('model_meta') ? Object.fromEntries((await store.query('SELECT key, value_json FROM model_meta')).map((r) => [String(r.key), parse(r.value_json)])) : null;
  return { id, ...m, experiment: parse(experiment_json), scenario: scenario_json == null ? null : parse(scenario_json), layout: parse(layout_json), factors, tables, meta };
}

async function seriesPage(store: ReadOnlyStore, q: Query) {
  if (!store.tables.has('series')) throw new HttpError(404, 'not-found', 'this store keeps no series (set series: true in the experiment)');
  const where: string[] = [];
  if (q.run_id !== undefined) where.push(`run_id = ${sqlString(q.run_id)}`);
  for (const k of ['row', 'replicate'] as const) {
    const v = q[k];
    if (v === undefined) continue;
    if (!/^\d{1,15}$/.test(v)) throw new HttpError(400, 'bad-query', `${k} must be a whole number, not "${v.slice(0, 40)}"`);
    where.push(`${quoteIdent(k)} = ${v}`);
  }
  let columns: string[] | undefined;
  if (q.columns !== undefined) {
    const all = (await columnTypes(store, 'series')).map((c) => c.name);
    const asked = q.columns.split(',').filter(Boolean);
    const unknown = asked.filter((c) => !all.includes(c));
    if (unknown.length > 0) throw new HttpError(400, 'bad-query', `the series has no column ${unknown.map((c) => `"${c.slice(0, 60)}"`).join(', ')}; it has ${all.join(', ')}`);
    columns = ['run_id', 'row', 'replicate', 'step', ...asked];
  }
  return readTablePage(store, 'series', q, { where, columns });
}

async function tableCsv(store: ReadOnlyStore, name: string, r: Responder): Promise<string> {
  const tmp = join(tmpdir(), `powderkeg-serve-${process.pid}-${Date.now()}-${name}.csv`);
  const order = name === 'runs' ? 'ORDER BY "row", replicate' : name === 'series' ? 'ORDER BY "row", replicate, step' : '';
  try {
    await store.query(`COPY (SELECT * FROM ${quoteIdent(name)} ${order}) TO ${sqlString(tmp)} (FORMAT csv, HEADER true)`);
    if ((await stat(tmp)).size > r.maxBytes) throw r.tooLarge();
    return await readFile(tmp, 'utf8');
  } finally {
    await rm(tmp, { force: true });
  }
}

