import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { POWDERKEG_VERSION } from '../experiment/version.js';
import { checkRawUrl } from './confine.js';
import { experimentRoutes } from './experiment-routes.js';
import { errorBody, HttpError } from './http-error.js';
import { Jobs } from './jobs.js';
import { packageRoot } from './package-root.js';
import { responder } from './respond.js';
import { storeRoutes } from './store-routes.js';

export interface ServeOptions {
  /** Folder of experiment stores; every path the API takes stays inside it. */
  readonly dir: string;
  readonly host: string;
  /** Worker threads for experiments started here (0: on the main thread, for tests). */
  readonly workers: number;
  /** Built workbench to serve at / (default: the package's web/dist). */
  readonly webDist?: string;
  /** Largest answer (default 32 MiB; tests lower it). */
  readonly maxResponseBytes?: number;
}

export const BODY_LIMIT = 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface Server {
  readonly app: FastifyInstance;
  readonly root: string;
  readonly jobs: Jobs;
  readonly workbench: boolean;
}

/** The API of docs/serve.md and the workbench, as a Fastify instance not yet listening. */
export async function createServer(o: ServeOptions): Promise<Server> {
  const root = await realpath(o.dir);
  const webDist = o.webDist ?? join(packageRoot(), 'web', 'dist');
  const workbench = existsSync(join(webDist, 'index.html'));
  const jobs = new Jobs(o.workers);
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, routerOptions: { maxParamLength: 1000 }, return503OnClosing: true });
  // Loopback answers loopback names only: a page elsewhere that points its own name at
  // 127.0.0.1 (DNS rebinding) must not reach the API.
  const checkHost = LOOPBACK.has(o.host);

  app.addHook('onRequest', async (req) => {
    checkRawUrl(req.url);
    if (checkHost) {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!LOOPBACK.has(host)) throw new HttpError(421, 'wrong-host', `this server answers ${o.host} and localhost only`);
    }
  });

  app.setErrorHandler((err: FastifyError | HttpError, _req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).type('application/json').send(errorBody(err.code, err.message, err.problems));
    const status = (err as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = status === 413 ? 'body-too-large' : status === 415 ? 'not-json' : 'bad-request';
      const message = status === 413 ? `the request body exceeds ${BODY_LIMIT / 1024} KiB` : status === 415 ? 'send JSON (Content-Type: application/json)' : err.message;
      return reply.code(status).type('application/json').send(errorBody(code, message));
    }
    // The cause goes to the server's own log; the client learns only that it was not its fault.
    process.stderr.write(`powderkeg serve: internal error: ${err.stack ?? err.message}\n`);
    return reply.code(500).type('application/json').send(errorBody('internal', 'internal error'));
  });

  app.setNotFoundHandler((req, reply) => {
    const api = req.url.startsWith('/api/') || req.url === '/api';
    reply.code(404).type('application/json').send(errorBody('not-found', api ? `no ${req.method} ${req.url.split('?')[0].slice(0, 200)}; see docs/serve.md` : 'no such file'));
  });

  app.get('/api/health', async () => ({ ok: true, powderkeg: POWDERKEG_VERSION, dir: root, workbench }));
  const r = responder(o.maxResponseBytes);
  storeRoutes(app, root, jobs, r);
  experimentRoutes(app, root, jobs, r);

  if (workbench) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', index: 'index.html', dotfiles: 'deny', serveDotFiles: false });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>powderkeg serve</title></head><body><h1>powderkeg serve</h1><p>The workbench is not built. Run <code>npm run web:build</code> in ${escapeHtml(packageRoot())} and restart; the API is at <a href="/api/stores">/api/stores</a> (see docs/serve.md).</p></body></html>`,
      ),
    );
  }
  return { app, root, jobs, workbench };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
