import { columnList, quoteIdent } from '../../store/sql-types.js';
import { columnNames, ENSEMBLE_BANDS } from '../../store/tables.js';
import type { KindContext } from '../runner.js';

/**
 * Reading runs back for the analyses. A first passage that never happened is censored at the
 * horizon + 1 step (it happened, if at all, after the run ended); other missing summaries stay
 * missing (NaN).
 */
function summaryExpr(ctx: KindContext, name: string): string {
  const s = ctx.x.experiment.outputs.summaries.find((q) => q.name === name);
  const col = quoteIdent(name);
  return s?.stat === 'first_passage' ? `coalesce(${col}, ${ctx.x.steps + 1})` : col;
}

/**
 * A mean in a fixed order. Floating-point sums depend on the order of their terms, and the runs
 * table holds runs in the order they finished (which depends on the workers): DuckDB's avg would
 * make the analyses differ in the last bits between one worker and four.
 */
function orderedMean(expr: string): string {
  return `list_avg(list(${expr} ORDER BY "row", replicate))`;
}

/** Mean of each summary over the ok replicates of every row in [fromRow, toRow). */
export async function rowMeans(ctx: KindContext, names: readonly string[], fromRow: number, toRow: number): Promise<Map<number, number[]>> {
  const cols = names.map((n, i) => `${orderedMean(summaryExpr(ctx, n))} AS s${i}`).join(', ');
  const rows = await ctx.store.query(
    `SELECT "row", ${cols} FROM runs WHERE status = 'ok' AND "row" >= ${fromRow} AND "row" < ${toRow} GROUP BY "row" ORDER BY "row"`,
  );
  return new Map(rows.map((r) => [r.row as number, names.map((_, i) => (r[`s${i}`] === null ? NaN : Number(r[`s${i}`])))]));
}

/** Ok runs with their factor values and summaries (first passages censored unless `censor` is false), in row and replicate order. */
export async function okRuns(ctx: KindContext, names: readonly string[], censor = true): Promise<Record<string, unknown>[]> {
  const factors = ctx.store.layout.factors.map((f) => quoteIdent(f.name));
  const cols = [...factors, ...names.map((n) => `${censor ? summaryExpr(ctx, n) : quoteIdent(n)} AS ${quoteIdent(n)}`)].join(', ');
  return ctx.store.query(`SELECT run_id, "row", replicate, ${cols} FROM runs WHERE status = 'ok' ORDER BY "row", replicate`);
}

/** Per-step mean and quantiles of every series indicator over the ok runs (computed in DuckDB). */
export async function writeEnsembleBands(ctx: KindContext): Promise<void> {
  const indicators = ctx.job.series ?? [];
  if (indicators.length === 0 || !(await ctx.store.tableNames()).includes('series')) return;
  const q = (col: string, p: number) => `quantile_cont(${col}, ${p})`;
  const selects = indicators.map((name) => {
    const c = quoteIdent(name);
    return `SELECT '${name.replace(/'/g, "''")}' AS indicator, step, count(${c}) AS runs, ${orderedMean(c)} AS mean, ${q(c, 0.05)} AS q05, ${q(c, 0.25)} AS q25, ${q(c, 0.5)} AS q50, ${q(c, 0.75)} AS q75, ${q(c, 0.95)} AS q95 FROM series GROUP BY step`;
  });
  const c = ctx.store.connection;
  await c.run('BEGIN TRANSACTION');
  try {
    await c.run(`CREATE OR REPLACE TABLE ${ENSEMBLE_BANDS.name} (${columnList(ENSEMBLE_BANDS.columns)})`);
    await c.run(`INSERT INTO ${ENSEMBLE_BANDS.name} (${columnNames(ENSEMBLE_BANDS)}) SELECT * FROM (${selects.join(' UNION ALL ')}) ORDER BY indicator, step`);
    await c.run('COMMIT');
  } catch (err) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
