import { z } from 'zod';

/**
 * The experiment file. Everything a user can type is validated here, so that a run never starts
 * on a file with a typo; strict objects turn a misspelt key into an error naming it.
 */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const DistributionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('uniform'), min: finite, max: finite }),
  z.strictObject({ type: z.literal('loguniform'), min: z.number().positive(), max: z.number().positive() }),
  z.strictObject({ type: z.literal('normal'), mean: finite, sd: z.number().positive() }),
  z.strictObject({ type: z.literal('triangular'), min: finite, mode: finite, max: finite }),
]);
export type Distribution = z.infer<typeof DistributionSchema>;

export const FactorSchema = z
  .strictObject({
    /** Dotted path into the scenario, e.g. "legitimacy" or "cops.density". */
    path: z.string().min(1),
    /** Column name in the store; defaults to the path with dots as underscores. */
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)')
      .optional(),
    /** A range [min, max], sampled uniformly (or on a log scale). */
    range: z.tuple([finite, finite]).optional(),
    scale: z.enum(['linear', 'log']).default('linear'),
    /** Round the value to an integer (e.g. a vision radius or a jail term). */
    integer: z.boolean().default(false),
    /** Levels of this factor in a factorial design (ranges only; lists use every value). */
    levels: z.int().min(1).optional(),
    /** An explicit list of values. */
    values: z.array(z.union([finite, z.string(), z.boolean()])).min(1).optional(),
    distribution: DistributionSchema.optional(),
  })
  .superRefine((f, ctx) => {
    const given = [f.range, f.values, f.distribution].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of range, values or distribution' });
    if (f.range && !(f.range[0] < f.range[1])) ctx.addIssue({ code: 'custom', path: ['range'], message: 'min must be below max' });
    if (f.range && f.scale === 'log' && f.range[0] <= 0) ctx.addIssue({ code: 'custom', path: ['range'], message: 'a log scale needs min > 0' });
    const d = f.distribution;
    if (d && 'max' in d && !(d.min < d.max)) ctx.addIssue({ code: 'custom', path: ['distribution'], message: 'min must be below max' });
    if (d?.type === 'triangular' && !(d.min <= d.mode && d.mode <= d.max))
      ctx.addIssue({ code: 'custom', path: ['distribution', 'mode'], message: 'mode must lie between min and max' });
  });
export type Factor = z.infer<typeof FactorSchema>;

export const DesignSchema = z.strictObject({
  type: z.enum(['factorial', 'lhs', 'sobol', 'montecarlo']),
  /** Number of design points (lhs, sobol, montecarlo); factorial takes levels from the factors. */
  n: z.int().min(1).optional(),
  /** Default number of levels per range factor in a factorial design. */
  levels: z.int().min(1).default(3),
});

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)');

export const SummarySchema = z.discriminatedUnion('stat', [
  /** The indicator's value at a step ("end" = the last recorded step). */
  z.strictObject({ name: identifier, stat: z.literal('value_at'), indicator: z.string(), at: z.union([z.int().min(0), z.literal('end')]) }),
  z.strictObject({ name: identifier, stat: z.literal('max'), indicator: z.string(), from: z.int().min(0).optional(), to: z.int().min(0).optional() }),
  z.strictObject({ name: identifier, stat: z.literal('min'), indicator: z.string(), from: z.int().min(0).optional(), to: z.int().min(0).optional() }),
  z.strictObject({ name: identifier, stat: z.literal('mean'), indicator: z.string(), from: z.int().min(0).optional(), to: z.int().min(0).optional() }),
  /** First step where the indicator is above (or below) a level, e.g. the first explosion. */
  z.strictObject({
    name: identifier,
    stat: z.literal('first_passage'),
    indicator: z.string(),
    above: finite.optional(),
    below: finite.optional(),
  }),
  /** Number of maximal runs of consecutive steps above a level (Epstein's outbursts: active > 50). */
  z.strictObject({ name: identifier, stat: z.literal('episodes'), indicator: z.string(), above: finite, from: z.int().min(0).optional() }),
]);
export type Summary = z.infer<typeof SummarySchema>;

export const OutputsSchema = z.strictObject({
  /** Indicators kept in the per-step series (default: all of the model's columns). */
  indicators: z.array(z.string()).min(1).optional(),
  summaries: z.array(SummarySchema).default([]),
});

export const SensitivitySchema = z.strictObject({
  method: z.enum(['morris', 'sobol']),
  /** Morris: number of trajectories; Sobol: number of base samples (Saltelli: N (k + 2) runs). */
  N: z.int().min(2),
  /** Morris grid levels (even, so that every step is half the grid). */
  levels: z.int().min(2).refine((v) => v % 2 === 0, 'must be even').default(4),
  /** Bootstrap resamples for confidence intervals. */
  bootstrap: z.int().min(0).default(200),
  /** Summaries analysed (default: all). */
  outputs: z.array(z.string()).min(1).optional(),
});

export const TargetSchema = z
  .strictObject({
    summary: z.string(),
    /** An observed value: distance |simulated - observed| / scale. */
    observed: finite.optional(),
    /** An acceptable range: distance 0 inside, distance to the nearer bound / scale outside. */
    range: z.tuple([finite, finite]).optional(),
    /** Scale of the distance (default: |observed|, or the range width; 1 if zero). */
    scale: z.number().positive().optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.observed === undefined) === (t.range === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of observed or range' });
    if (t.range && !(t.range[0] <= t.range[1])) ctx.addIssue({ code: 'custom', path: ['range'], message: 'min must not exceed max' });
  });
export type Target = z.infer<typeof TargetSchema>;

export const CalibrationSchema = z.strictObject({
  targets: z.array(TargetSchema).min(1),
  /** Priors by factor name; a factor without one uses its range (uniform) or distribution. */
  priors: z.record(z.string(), DistributionSchema).default({}),
  population: z.int().min(2).default(100),
  generations: z.int().min(1).default(5),
  min_epsilon: z.number().min(0).default(0),
  /** Simulations proposed per batch while a generation fills up (default: the population size). */
  batch: z.int().min(1).optional(),
  /** Give up a generation after this many simulations (guards a too-small epsilon). */
  max_simulations: z.int().min(1).default(100000),
});

export const BacktestSchema = z.strictObject({
  /** CSV with columns indicator,time,value (path relative to the experiment file). */
  observed: z.string().min(1),
  /** Central prediction-interval levels, e.g. [0.5, 0.9]. */
  levels: z.array(z.number().gt(0).lt(1)).min(1).default([0.5, 0.9]),
});

export const DiscoverySchema = z.strictObject({
  /** Yes/no outcome over summaries, e.g. "first_explosion < 260". */
  outcome: z.string().min(1),
  /** PRIM peeling fraction and minimum box support. */
  peel_alpha: z.number().gt(0).lt(1).default(0.05),
  min_support: z.number().gt(0).lt(1).default(0.05),
});

export const ExperimentSchema = z
  .strictObject({
    kind: z.enum(['ensemble', 'sweep', 'sensitivity', 'calibration', 'backtest', 'discovery']),
    /** Optional name (store file name); defaults to the experiment file's base name. */
    name: identifier.optional(),
    description: z.string().optional(),
    scenario: z.string().min(1),
    /** Scenario overrides applied before the factors, as path: value. */
    set: z.record(z.string(), z.unknown()).default({}),
    factors: z.array(FactorSchema).default([]),
    design: DesignSchema.optional(),
    replicates: z.int().min(1).default(1),
    seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    steps: z.int().min(1).optional(),
    series: z.boolean().optional(),
    /** Record every n steps in the series (summaries always see every step). */
    every: z.int().min(1).default(1),
    outputs: OutputsSchema.default({ summaries: [] }),
    sensitivity: SensitivitySchema.optional(),
    calibration: CalibrationSchema.optional(),
    backtest: BacktestSchema.optional(),
    discovery: DiscoverySchema.optional(),
  })
  .superRefine((e, ctx) => {
    const need = (cond: boolean, path: string, message: string) => {
      if (!cond) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const kindSection = { sensitivity: e.sensitivity, calibration: e.calibration, backtest: e.backtest, discovery: e.discovery };
    for (const [k, v] of Object.entries(kindSection)) {
      if (e.kind === k) need(v !== undefined, k, `a ${k} experiment needs a "${k}:" section`);
      else if (v !== undefined) need(false, k, `only a ${k} experiment takes a "${k}:" section (this one is ${e.kind})`);
    }
    if (['sweep', 'sensitivity', 'calibration', 'discovery'].includes(e.kind)) need(e.factors.length > 0, 'factors', `a ${e.kind} experiment needs at least one factor`);
    if (e.kind === 'sweep' || e.kind === 'discovery') need(e.design !== undefined, 'design', `a ${e.kind} experiment needs a design`);
    if (e.design && e.design.type !== 'factorial') need(e.design.n !== undefined, 'design', `a ${e.design.type} design needs n`);
    if (e.kind === 'ensemble' || e.kind === 'backtest') {
      need(e.series !== false, 'series', `a ${e.kind} experiment needs the per-step series (remove series: false)`);
      need(e.factors.length === 0, 'factors', `a ${e.kind} experiment runs one scenario: give fixed values with set: instead of factors`);
    }
    const names = new Set<string>();
    e.outputs.summaries.forEach((s, i) => {
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: ['outputs', 'summaries', i, 'name'], message: `duplicate summary name "${s.name}"` });
      names.add(s.name);
      if (s.stat === 'first_passage' && (s.above === undefined) === (s.below === undefined))
        ctx.addIssue({ code: 'custom', path: ['outputs', 'summaries', i], message: 'give exactly one of above or below' });
    });
    const factorNames = new Set<string>();
    e.factors.forEach((f, i) => {
      const n = factorColumnName(f);
      if (factorNames.has(n)) ctx.addIssue({ code: 'custom', path: ['factors', i, 'name'], message: `duplicate factor name "${n}"` });
      factorNames.add(n);
      if (e.kind === 'sensitivity' && f.values) ctx.addIssue({ code: 'custom', path: ['factors', i, 'values'], message: 'sensitivity analysis needs numeric ranges or distributions, not lists' });
      if (e.kind === 'calibration') {
        // ABC-SMC's priors are uniform or normal: say so rather than silently using the range.
        const d = e.calibration?.priors[n] ?? f.distribution;
        if (f.values) ctx.addIssue({ code: 'custom', path: ['factors', i, 'values'], message: 'calibration needs a numeric range or a prior, not a list' });
        else if (d && d.type !== 'uniform' && d.type !== 'normal')
          ctx.addIssue({ code: 'custom', path: e.calibration?.priors[n] ? ['calibration', 'priors', n, 'type'] : ['factors', i, 'distribution', 'type'], message: `calibration priors are uniform or normal, found ${d.type}; give a range or a uniform/normal distribution` });
      }
    });
    e.calibration?.targets.forEach((t, i) => {
      if (!names.has(t.summary))
        ctx.addIssue({ code: 'custom', path: ['calibration', 'targets', i, 'summary'], message: `no summary named "${t.summary}" in outputs.summaries` });
    });
    e.sensitivity?.outputs?.forEach((o, i) => {
      if (!names.has(o)) ctx.addIssue({ code: 'custom', path: ['sensitivity', 'outputs', i], message: `no summary named "${o}" in outputs.summaries` });
    });
    if (e.kind === 'sensitivity' || e.kind === 'calibration' || e.kind === 'discovery')
      need(e.outputs.summaries.length > 0, 'outputs', `a ${e.kind} experiment needs outputs.summaries`);
    if (e.calibration) {
      for (const key of Object.keys(e.calibration.priors)) {
        if (!factorNames.has(key)) ctx.addIssue({ code: 'custom', path: ['calibration', 'priors', key], message: `no factor named "${key}"` });
      }
    }
  });

export type Experiment = z.infer<typeof ExperimentSchema>;

/** Column name of a factor in the store. */
export function factorColumnName(f: Pick<Factor, 'path' | 'name'>): string {
  return f.name ?? f.path.replace(/\[(\d+)\]/g, '_$1').replace(/[^A-Za-z0-9_]/g, '_');
}
