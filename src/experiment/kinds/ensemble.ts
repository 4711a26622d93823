import type { KindContext } from '../runner.js';
import { tasksFor } from '../tasks.js';
import { writeEnsembleBands } from './results.js';

/** Replicates of one scenario: how much chance alone spreads the outcome, step by step. */
export async function runEnsemble(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  await ctx.run(tasksFor([{}], e.replicates, e.seed), e.replicates);
  await writeEnsembleBands(ctx);
}
