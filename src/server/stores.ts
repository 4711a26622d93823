import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ExperimentSchema } from '../experiment/schema.js';
import { plannedRuns } from '../experiment/planned-runs.js';
import { openStoreForReport, type ReadOnlyStore } from '../report/open-store.js';
import { isUserError } from '../errors.js';
import { HttpError } from './http-error.js';
import { isInside } from './confine.js';
import type { Jobs } from './jobs.js';
import type { StoreSummary } from './api-types.js';

export type { StoreSummary } from './api-types.js';

const MAX_DEPTH = 3;
const MAX_STORES = 500;

/** Store files under the folder, not following symlinked folders (they may lead out of it). */
export async function findStores(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= MAX_STORES) return;
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH) await walk(full, depth + 1);
      else if (e.name.endsWith('.duckdb') && (e.isFile() || e.isSymbolicLink())) {
        // A symlinked store counts only if it points inside the folder.
        if (e.isSymbolicLink()) {
          const real = await realpath(full).catch(() => '');
          if (!real || !isInside(root, real)) continue;
        }
        out.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  await walk(root, 1);
  return out;
}

export async function withStore<T>(file: string, f: (store: ReadOnlyStore) => Promise<T>): Promise<T> {
  let store: ReadOnlyStore;
  try {
    store = await openStoreForReport(file);
  } catch (err) {
    if (isUserError(err)) throw new HttpError(409, 'unreadable', err.problems.map((p) => p.message).join('; '));
    throw err;
  }
  try {
    return await f(store);
  } finally {
    store.close();
  }
}

export async function summarise(root: string, id: string, jobs: Jobs, experimentInside: (file: string) => Promise<boolean>): Promise<StoreSummary> {
  const file = join(root, id);
  const info = await lstat(file);
  const base = { id, bytes: info.size, modified: info.mtime.toISOString() };
  const running = jobs.runningFor(await realpath(file));
  if (running) return { ...base, state: 'running', experiment: running.id, runs: running.done, runsExpected: running.total, startedAt: running.startedAt };
  try {
    return await withStore(file, async (store) => {
      const m = (await store.query('SELECT * FROM manifest'))[0];
      const runs = Number((await store.query('SELECT count(*) AS n FROM runs'))[0].n);
      let experiment: { name?: string } = {};
      try {
        experiment = JSON.parse(String(m.experiment_json)) as { name?: string };
      } catch {
        // an unreadable experiment leaves the name to the file
      }
      const complete = m.status === 'complete';
      return {
        ...base,
        state: complete ? 'complete' : 'incomplete',
        experiment: experiment.name ?? String(m.experiment_file ?? '').replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
        kind: String(m.kind),
        model: String(m.model),
        seed: Number(m.seed),
        runs,
        runsExpected: expectedRuns(m, runs),
        startedAt: String(m.started_at),
        finishedAt: m.finished_at === null ? null : String(m.finished_at),
        resumable: !complete && (await experimentInside(String(m.experiment_file ?? ''))),
      };
    });
  } catch (err) {
    if (err instanceof HttpError) return { ...base, state: 'unreadable', error: err.message };
    throw err;
  }
}

function expectedRuns(m: Record<string, unknown>, runs: number): number {
  try {
    return plannedRuns(ExperimentSchema.parse(JSON.parse(String(m.experiment_json))));
  } catch {
    return runs;
  }
}
