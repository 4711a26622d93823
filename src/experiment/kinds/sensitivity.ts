import { Rng } from '../../engine/random.js';
import { morrisAnalyze, morrisDesign, saltelliDesign, sobolAnalyze } from '../analysis/index.js';
import { scaleRows } from '../design-rows.js';
import { CONVERGENCE_WARNINGS, SENSITIVITY, SENSITIVITY_CONVERGENCE } from '../../store/tables.js';
import type { KindContext } from '../runner.js';
import { factorColumnName } from '../schema.js';
import { tasksFor } from '../tasks.js';
import { rowMeans } from './results.js';

type Cell = string | number | null;

/**
 * Which factors move which summaries. Morris: trajectories of one-at-a-time steps; Sobol: the
 * Saltelli matrices as design rows. Each design row's output is the mean over its replicates.
 */
export async function runSensitivity(ctx: KindContext): Promise<void> {
  const e = ctx.x.experiment;
  const s = e.sensitivity!;
  const k = e.factors.length;
  const names = e.factors.map(factorColumnName);
  const outputs = s.outputs ?? e.outputs.summaries.map((q) => q.name);
  const morris = s.method === 'morris' ? morrisDesign(k, s.N, new Rng(e.seed, 'morris-design'), { levels: s.levels }) : null;
  const saltelli = s.method === 'sobol' ? saltelliDesign(s.N, k) : null;
  const points = (morris ?? saltelli)!.points;
  await ctx.run(tasksFor(scaleRows(points, e), e.replicates, e.seed), points.length * e.replicates);

  const means = await rowMeans(ctx, outputs, 0, points.length);
  const indexRows: Cell[][] = [];
  const warnings: Cell[][] = [];
  const convergence: Cell[][] = [];
  outputs.forEach((output, o) => {
    const y = Float64Array.from(points, (_, row) => means.get(row)?.[o] ?? NaN);
    const missing = y.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
    if (missing > 0) {
      warnings.push([output, 'missing-runs', null, `${missing} of ${y.length} design rows have no value (failed runs or a summary without value); ${output} is not analysed`]);
      return;
    }
    const rng = new Rng(e.seed, 'sensitivity-bootstrap', output);
    if (morris) {
      for (const r of morrisAnalyze(morris, y, { names, bootstrap: s.bootstrap, rng })) {
        const f = names[r.index];
        indexRows.push([output, 'morris', f, 'mu', r.mu, null, null]);
        indexRows.push([output, 'morris', f, 'mu_star', r.muStar, r.muStarCi?.[0] ?? null, r.muStarCi?.[1] ?? null]);
        indexRows.push([output, 'morris', f, 'sigma', r.sigma, null, null]);
      }
    } else {
      const res = sobolAnalyze(saltelli!, y, { rng, names, bootstrap: s.bootstrap });
      res.first.forEach((est, j) => indexRows.push([output, 'sobol', names[j], 'S1', est.estimate, est.lo, est.hi]));
      res.total.forEach((est, j) => indexRows.push([output, 'sobol', names[j], 'ST', est.estimate, est.lo, est.hi]));
      indexRows.push([output, 'sobol', null, 'sum_S1', res.sumFirst.estimate, res.sumFirst.lo, res.sumFirst.hi]);
      for (const w of res.warnings) warnings.push([output, w.code, w.factor === undefined ? null : names[w.factor], w.message]);
      for (const step of res.convergence) {
        names.forEach((f, j) => convergence.push([output, step.baseSamples, f, step.first[j], step.total[j]]));
      }
    }
  });
  await ctx.store.writeTable(SENSITIVITY, indexRows);
  await ctx.store.writeTable(CONVERGENCE_WARNINGS, warnings);
  if (saltelli) {
    await ctx.store.writeTable(SENSITIVITY_CONVERGENCE, convergence);
  }
}
