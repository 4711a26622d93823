import { existsSync } from 'node:fs';
import { mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import YAML from 'yaml';
import { loadExperiment } from '../experiment/load.js';
import { isUserError, type Problem } from '../errors.js';
import { writeAtomic } from '../store/atomic-write.js';
import { checkRelativePath, confinedFile } from './confine.js';
import { HttpError } from './http-error.js';
import type { Jobs } from './jobs.js';
import { packageRoot } from './package-root.js';
import type { Responder } from './respond.js';

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

interface StartBody {
  readonly experiment?: unknown;
  readonly scenario?: unknown;
  readonly name?: unknown;
}

/** The write side of the API: experiments started from the browser, through the CLI's loader and runner. */
export function experimentRoutes(app: FastifyInstance, root: string, jobs: Jobs, r: Responder): void {
  app.get('/api/experiments', async (_req, reply) => r.json(reply, { experiments: jobs.list() }));

  app.get('/api/experiments/*', async (req, reply) => {
    const id = (req.params as { '*': string })['*'];
    const status = jobs.get(id);
    if (!status) throw new HttpError(404, 'not-found', `this server has started no experiment "${id.slice(0, 80)}"`);
    return r.json(reply, status);
  });

  app.post('/api/experiments', async (req, reply) => {
    const body = req.body as StartBody | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad-body', 'the body is a JSON object {experiment, scenario?, name?}');
    const experiment = document(body.experiment, 'experiment');
    const name = body.name ?? experiment.name ?? 'experiment';
    if (typeof name !== 'string' || !NAME.test(name)) throw new HttpError(400, 'bad-body', 'name is 1-64 characters of letters, digits, "_", "-" and ".", not starting with "."', [{ path: 'name', message: 'expected a name such as "my-sweep"' }]);
    const storeId = `${name}.duckdb`;
    const db = join(root, storeId);
    if (existsSync(db)) throw new HttpError(409, 'exists', `the store ${storeId} already exists; resume it (POST /api/stores/${storeId}/resume) or choose another name`);
    const busy = jobs.list().find((j) => j.state === 'running');
    if (busy) throw new HttpError(409, 'busy', `experiment "${busy.id}" is running; start this one when it has finished`);

    const folder = join(root, 'experiments');
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${name}.yaml`);
    const written: string[] = [];
    try {
      if (body.scenario !== undefined) {
        const scenarioFile = join(folder, `${name}.scenario.yaml`);
        const text = typeof body.scenario === 'string' ? body.scenario : YAML.stringify(document(body.scenario, 'scenario'));
        await writeFile(scenarioFile, text);
        written.push(scenarioFile);
        experiment.scenario = relative(folder, scenarioFile);
      } else {
        // A bundled scenario is named by its absolute path: a relative one would climb out of the folder.
        const scenario = await findScenario(root, experiment.scenario);
        experiment.scenario = scenario.startsWith(`${root}/`) ? relative(folder, scenario) : scenario;
      }
      const backtest = experiment.backtest as { observed?: unknown } | undefined;
      if (backtest && typeof backtest.observed === 'string') backtest.observed = relative(folder, await confinedFile(root, backtest.observed, 'observed series'));
      // Checked under a temporary name first: an experiment that does not load leaves nothing behind.
      const tmp = join(folder, `.${name}.${process.pid}.tmp.yaml`);
      await writeAtomic(
        file,
        async (temp) => {
          await writeFile(temp, YAML.stringify(experiment));
          try {
            loadExperiment(temp);
          } catch (err) {
            if (!isUserError(err)) throw err;
            const shown = relative(root, file);
            const problems: Problem[] = err.problems.map((p) => ({ ...p, file: p.file === temp ? shown : p.file ? relative(root, p.file) : undefined }));
            throw new HttpError(400, 'invalid-experiment', `the experiment does not load (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems);
          }
        },
        tmp,
      );
      written.length = 0;
    } finally {
      for (const f of written) await rm(f, { force: true });
    }
    const x = loadExperiment(file);
    const status = jobs.start(x, { id: name, store: storeId, experimentFile: relative(root, file) }, db, false);
    return r.json(reply.code(202), status);
  });
}

/** An experiment or scenario given as YAML/JSON text or as an object. */
function document(v: unknown, what: string): Record<string, unknown> {
  let doc = v;
  if (typeof v === 'string') {
    try {
      doc = YAML.parse(v);
    } catch (err) {
      throw new HttpError(400, 'invalid-experiment', `the ${what} is not valid YAML or JSON`, [{ path: what, message: (err as Error).message.split('\n')[0] }]);
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new HttpError(400, 'bad-body', `${what} must be a YAML/JSON mapping (text or object)`, [{ path: what, message: 'expected a mapping' }]);
  return { ...(doc as Record<string, unknown>) };
}

/** A scenario named relative to the served folder, or one of powderkeg's bundled ones. */
async function findScenario(root: string, name: unknown): Promise<string> {
  if (typeof name !== 'string') throw new HttpError(400, 'invalid-experiment', 'the experiment names no scenario', [{ path: 'scenario', message: 'give scenario: (a file in the served folder or a bundled one, e.g. epstein/run2.yaml), or send the scenario itself' }]);
  checkRelativePath(name, 'scenario');
  try {
    return await confinedFile(root, name, 'scenario');
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 404) throw err;
  }
  const bundled = await realpath(join(packageRoot(), 'scenarios'));
  try {
    return await confinedFile(bundled, name, 'scenario');
  } catch {
    throw new HttpError(400, 'invalid-experiment', `no scenario "${name}" in the served folder or among powderkeg's scenarios`, [
      { path: 'scenario', message: `expected a file relative to the served folder, or one of powderkeg's scenarios (e.g. epstein/run2.yaml, kazakhstan-2022.yaml)` },
    ]);
  }
}

