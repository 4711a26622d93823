import type { ReadOnlyStore } from '../report/open-store.js';
import { quoteIdent } from '../store/sql-types.js';
import { HttpError } from './http-error.js';
import type { TablePage } from './api-types.js';

export type { TablePage } from './api-types.js';

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 10_000;

/** Sort orders that make pages independent of the order runs finished in. */
const ORDER: Record<string, readonly string[]> = {
  runs: ['row', 'replicate'],
  series: ['row', 'replicate', 'step'],
  ensemble_bands: ['indicator', 'step'],
};

export interface PageQuery {
  readonly limit?: unknown;
  readonly offset?: unknown;
}

function wholeNumber(v: unknown, name: string, fallback: number, max: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new HttpError(400, 'bad-query', `${name} must be a whole number from 0 to ${max}, not "${String(v).slice(0, 40)}"`);
  return n;
}

export function pageOf(q: PageQuery): { limit: number; offset: number } {
  return { limit: wholeNumber(q.limit, 'limit', DEFAULT_LIMIT, MAX_LIMIT), offset: wholeNumber(q.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) };
}

export async function columnTypes(store: ReadOnlyStore, table: string): Promise<{ name: string; type: string }[]> {
  const rows = await store.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = '${table.replace(/'/g, "''")}' ORDER BY ordinal_position`,
  );
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
}

/** JSON has no NaN or infinities; they travel as strings, as docs/serve.md says. */
function jsonCell(v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return v;
}

export interface TableFilter {
  /** SQL conditions built from checked values only. */
  readonly where?: readonly string[];
  /** Columns to keep (the table's own order); all when absent. */
  readonly columns?: readonly string[];
}

/** One page of a table, in a stable order. */
export async function readTablePage(store: ReadOnlyStore, table: string, q: PageQuery, filter: TableFilter = {}): Promise<TablePage> {
  if (!store.tables.has(table)) throw new HttpError(404, 'not-found', `the store has no table "${table}"; it has ${[...store.tables].sort().join(', ')}`);
  const { limit, offset } = pageOf(q);
  const all = await columnTypes(store, table);
  const columns = filter.columns ? all.filter((c) => filter.columns!.includes(c.name)) : all;
  const where = filter.where && filter.where.length > 0 ? `WHERE ${filter.where.join(' AND ')}` : '';
  const order = (ORDER[table] ?? []).filter((c) => all.some((a) => a.name === c));
  const orderBy = order.length > 0 ? `ORDER BY ${order.map(quoteIdent).join(', ')}` : '';
  const total = Number((await store.query(`SELECT count(*) AS n FROM ${quoteIdent(table)} ${where}`))[0].n);
  const select = columns.map((c) => quoteIdent(c.name)).join(', ');
  const rows = await store.query(`SELECT ${select} FROM ${quoteIdent(table)} ${where} ${orderBy} LIMIT ${limit} OFFSET ${offset}`);
  return { columns, rows: rows.map((r) => columns.map((c) => jsonCell(r[c.name]))), total, offset, limit };
}
