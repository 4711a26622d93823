import { deriveSeed } from '../../engine/random.js';
import { quoteIdent } from '../../store/sql-types.js';
import { attributionArms, BASELINE_PARAMS, sequentialPlan } from '../attribution-arms.js';
import { runSequentialAttribution, type Summaries } from '../attribution-sequential.js';
import { headlineSet, writeAttribution } from '../attribution.js';
import type { RunTask } from '../executor.js';
import type { KindContext } from '../runner.js';
import { runId } from '../tasks.js';
import { ATTRIBUTION_ARMS } from '../../store/tables.js';
import { writeArmOutcomes } from '../attribution-tables.js';

/**
 * Attribution as an experiment: the baseline is row 0, arm i is row i + 1, and replicate r of
 * every row runs with the baseline's seed deriveSeed(seed, 0, r) (common random numbers). Runs
 * are recorded like any other kind's, so --resume finds them and the sequential decisions,
 * which depend only on recorded results, come out the same.
 */
export async function runAttributionKind(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const a = e.attribution!;
  const model = ctx.x.scenario.model;
  const set = headlineSet(model, ctx.x.indicators, ctx.x.steps, a.estimator);
  const arms = attributionArms(model, a);
  const names = set.summaries.map((s) => s.name);
  const paramsOf = (arm: number) => (arm < 0 ? BASELINE_PARAMS : arms[arm].params);
  const result = await runSequentialAttribution({
    arms,
    headlines: set.headlines,
    plan: sequentialPlan(a),
    seed: e.seed,
    resamples: a.resamples,
    source: {
      async run(requests) {
        const tasks: RunTask[] = requests.flatMap((q) =>
          q.replicates.map((r) => ({ runId: runId(q.arm + 1, r, paramsOf(q.arm)), row: q.arm + 1, replicate: r, seed: deriveSeed(e.seed, 0, r), params: paramsOf(q.arm) })),
        );
        await ctx.run(tasks, tasks.length);
        const wanted = new Set(tasks.map((t) => t.runId));
        const rows = await ctx.store.query(`SELECT run_id, "row", replicate, ${names.map(quoteIdent).join(', ')} FROM runs WHERE status = 'ok'`);
        const out = new Map<string, Summaries>();
        for (const row of rows) {
          if (!wanted.has(String(row.run_id))) continue;
          out.set(`${Number(row.row) - 1}:${Number(row.replicate)}`, Object.fromEntries(names.map((n) => [n, row[n] === null ? null : Number(row[n])])));
        }
        return out;
      },
    },
  });
  await writeAttribution(ctx.store, result.rows.filter((r) => r.armKind === 'mechanism'));
  await writeAttribution(ctx.store, result.rows.filter((r) => r.armKind !== 'mechanism'), ATTRIBUTION_ARMS);
  await writeArmOutcomes(ctx.store, result, a);
}
