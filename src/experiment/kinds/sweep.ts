import { designRows } from '../design-rows.js';
import type { KindContext } from '../runner.js';
import { tasksFor } from '../tasks.js';

/** A design over the factors, each point run `replicates` times. */
export async function runSweep(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const rows = designRows(e);
  await ctx.run(tasksFor(rows, e.replicates, e.seed), rows.length * e.replicates);
}
