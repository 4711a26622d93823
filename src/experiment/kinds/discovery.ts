import type { KindContext } from '../runner.js';
import { designRows } from '../design-rows.js';
import { evaluateOutcome } from '../outcome.js';
import { tasksFor } from '../tasks.js';
import { okRuns } from './results.js';
import { prim, type PrimBox } from '../analysis/index.js';
import { factorColumnName } from '../schema.js';
import { OUTCOMES, PRIM_BOXES } from '../../store/tables.js';

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
  await ctx.store.writeTable(OUTCOMES, runs.map((r, i) => [r.run_id, r.row, r.replicate, outcomes[i]]));
  await writePrimBoxes(ctx, runs, outcomes);
}

/**
 * PRIM works on numbers: a listed factor's value is coded as its position in the list. Every box
 * of the peeling trajectory is kept (the report draws the trade-off curve); the selected box,
 * after pasting, is the row with kind "selected".
 */
async function writePrimBoxes(ctx: KindContext, runs: Record<string, unknown>[], outcomes: number[]): Promise<void> {
  const e = ctx.x.experiment;
  const names = e.factors.map(factorColumnName);
  const code = e.factors.map((f) => (v: unknown) => (f.values ? f.values.indexOf(v as never) : Number(v)));
  const rows: (string | number | boolean | null)[][] = [];
  if (runs.length > 0) {
    const x = runs.map((r) => names.map((n, j) => code[j](r[n])));
    const result = prim(x, outcomes, { alpha: e.discovery!.peel_alpha, minMass: e.discovery!.min_support });
    const emit = (kind: string, step: number, box: PrimBox) =>
      box.limits.forEach((lim, j) =>
        rows.push([kind, step, names[j], lim.lo, lim.hi, box.restricted.includes(j), box.coverage, box.density, box.mass, box.count]),
      );
    result.trajectory.forEach((box, i) => emit(i === result.selected ? 'peel-selected' : 'peel', i, box));
    emit('selected', result.selected, result.box);
  }
  await ctx.store.writeTable(PRIM_BOXES, rows);
}
