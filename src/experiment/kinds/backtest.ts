import { backtest } from '../analysis/index.js';
import { quoteIdent } from '../../store/sql-types.js';
import { BACKTEST_SCORES } from '../../store/tables.js';
import type { KindContext } from '../runner.js';
import { tasksFor } from '../tasks.js';
import { writeEnsembleBands } from './results.js';

/**
 * An ensemble scored against an observed series. The earliest observation of each indicator is
 * the forecast origin (what was known when the forecast was made); the later ones are scored,
 * against the ensemble and against persistence (the origin value carried forward).
 */
export async function runBacktest(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const b = e.backtest!;
  await ctx.run(tasksFor([{}], e.replicates, e.seed), e.replicates);
  await writeEnsembleBands(ctx);

  const observed = ctx.x.observed ?? [];
  const rows: (string | number | null)[][] = [];
  for (const indicator of [...new Set(observed.map((o) => o.indicator))].sort()) {
    const obs = observed.filter((o) => o.indicator === indicator).sort((p, q) => p.time - q.time);
    const [origin, ...scored] = obs;
    if (scored.length === 0) continue;
    const times = scored.map((o) => o.time);
    const col = quoteIdent(indicator);
    const found = await ctx.store.query(`SELECT step, list(${col} ORDER BY "row", replicate) AS v FROM series WHERE step IN (${times.join(',')}) GROUP BY step`);
    const byStep = new Map(found.map((r) => [r.step as number, (r.v as unknown[]).map(Number)]));
    const ensembles = times.map((t) => byStep.get(t) ?? []);
    if (ensembles.some((en) => en.length === 0)) continue;
    for (const level of b.levels) {
      const r = backtest(ensembles, scored.map((o) => o.value), origin.value, { alpha: 1 - level });
      rows.push([
        indicator, level, r.model.n,
        r.model.coverage, r.model.intervalScore, r.model.crps, r.model.mae,
        r.persistence.coverage, r.persistence.intervalScore, r.persistence.crps, r.persistence.mae,
        Number.isFinite(r.crpsSkill) ? r.crpsSkill : null,
      ]);
    }
  }
  await ctx.store.writeTable(BACKTEST_SCORES, rows);
}
