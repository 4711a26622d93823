/** The parts of `powderkeg serve`'s API (docs/serve.md) the store browser reads. */

import type { StoreList, StoreSummary, TablePage } from '../../../src/server/api-types.js';

export type StoreEntry = StoreSummary;
export type Table = TablePage;

/** The API's base: the page's own origin when `serve` serves it. */
const api = (path: string) => new URL(`api/${path}`, new URL('/', location.href)).toString();

/** Store ids are paths: each segment is encoded, the slashes kept (the server refuses %2F). */
export const storePath = (id: string) => id.split('/').map(encodeURIComponent).join('/');

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(api(path), { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

/** Whether the page is served by `powderkeg serve` (a static host has no /api/health). */
export async function serveAvailable(): Promise<boolean> {
  try {
    const res = await fetch(api('health'), { headers: { accept: 'application/json' } });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return false;
    return ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

export const listStores = () => getJson<StoreList>('stores');
export const storeRuns = (id: string, limit = 200) => getJson<Table>(`stores/${storePath(id)}/runs?limit=${limit}`);
export const storeBands = (id: string, indicator?: string) =>
  getJson<Table>(`stores/${storePath(id)}/bands${indicator === undefined ? '?limit=1' : `?indicator=${encodeURIComponent(indicator)}&limit=10000`}`);
export const storeManifest = (id: string) => getJson<{ kind: string; model: string; layout: { summaries: string[] }; tables: { name: string; rows: number }[]; experiment?: { outputs?: unknown } }>(`stores/${storePath(id)}/manifest`);
export const reportUrl = (id: string) => api(`stores/${storePath(id)}/report`);
export const tableCsvUrl = (id: string, table: string) => api(`stores/${storePath(id)}/tables/${encodeURIComponent(table)}.csv`);
