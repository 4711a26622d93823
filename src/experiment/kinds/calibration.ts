import { AbcSmc, rangeDistance, type Prior, type RangeTarget } from '../analysis/index.js';
import type { ParameterRow } from '../design-rows.js';
import { finishValue } from '../factors.js';
import type { KindContext } from '../runner.js';
import { factorColumnName, type Experiment, type Target } from '../schema.js';
import { tasksFor } from '../tasks.js';
import type { SqlColumn } from '../../store/sql-types.js';
import { ABC_GENERATIONS, CALIBRATION_TARGETS, IDENTIFIABILITY, posteriorTable } from '../../store/tables.js';
import { rowMeans } from './results.js';
import { identifiability, identifiabilityCells } from '../calibration/identifiability.js';

/** Columns of the `posterior` table (from the store's catalogue, src/store/tables.ts). */
export function posteriorColumns(parameters: readonly string[]): readonly SqlColumn[] {
  return posteriorTable(parameters).columns;
}

/** Columns of the `abc_generations` table. */
export const ABC_GENERATION_COLUMNS: readonly SqlColumn[] = ABC_GENERATIONS.columns;

/**
 * ABC-SMC: each batch of candidates is a set of design rows run through the executor, numbered
 * in proposal order. The algorithm is deterministic, so a resumed calibration proposes the same
 * candidates again and finds their runs already recorded.
 */
export async function runCalibration(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const c = e.calibration!;
  const names = e.factors.map(factorColumnName);
  const abc = new AbcSmc({
    priors: priorsOf(e),
    populationSize: c.population,
    seed: e.seed,
    maxGenerations: c.generations,
    minEpsilon: c.min_epsilon,
    maxSimulations: c.max_simulations,
    maxBatchSize: c.batch ?? c.population,
  });
  const targetNames = c.targets.map((t) => t.summary);
  const targets = c.targets.map(rangeOf);
  let nextRow = 0;
  while (!abc.done) {
    const batch = abc.proposeBatch();
    if (batch.length === 0) break;
    const rows: ParameterRow[] = batch.map((cand) => {
      const row: ParameterRow = {};
      e.factors.forEach((f, j) => (row[names[j]] = finishValue(f, cand.params[j])));
      return row;
    });
    const first = nextRow;
    nextRow += rows.length;
    await ctx.run(tasksFor(rows, e.replicates, e.seed, first), rows.length * e.replicates);
    const means = await rowMeans(ctx, targetNames, first, nextRow);
    abc.acceptBatch(rows.map((_, i) => {
      const values = means.get(first + i);
      return values ? rangeDistance(values, targets) : NaN;
    }));
  }
  const result = abc.result();
  const priors = priorsOf(e);
  await ctx.store.writeTable(
    posteriorTable(names),
    result.generations.flatMap((g) => g.particles.map((p, i) => [g.generation, i, ...p, g.weights[i], g.distances[i]])),
  );
  await ctx.store.writeTable(
    ABC_GENERATIONS,
    result.generations.map((g, i) => [
      g.generation,
      Number.isFinite(g.epsilon) ? g.epsilon : null,
      g.candidates,
      g.acceptanceRate,
      g.effectiveSampleSize,
      i === result.generations.length - 1 ? result.stopReason : null,
    ]),
  );
  // What the targets taught: posterior against prior width, per parameter.
  await ctx.store.writeTable(IDENTIFIABILITY, identifiabilityCells(identifiability(priors, result.posterior)));
  await ctx.store.writeTable(
    CALIBRATION_TARGETS,
    c.targets.map((t, i) => [t.summary, t.observed ?? null, targets[i].lo, targets[i].hi, targets[i].scale ?? null]),
  );
}

function rangeOf(t: Target): RangeTarget {
  if (t.observed !== undefined) return { lo: t.observed, hi: t.observed, scale: t.scale ?? (Math.abs(t.observed) || 1) };
  const [lo, hi] = t.range!;
  return { lo, hi, scale: t.scale };
}

function priorsOf(e: Experiment): Prior[] {
  return e.factors.map((f) => {
    const name = factorColumnName(f);
    const d = e.calibration!.priors[name] ?? f.distribution;
    if (d?.type === 'normal') return { name, kind: 'normal', mean: d.mean, sd: d.sd };
    if (d?.type === 'uniform') return { name, kind: 'uniform', min: d.min, max: d.max };
    const [min, max] = f.range!;
    return { name, kind: 'uniform', min, max };
  });
}
