import { z } from 'zod';
import { LIMITS } from '../scenario/limits.js';

/**
 * The experiment file. Everything a user can type is validated here, so that a run never starts
 * on a file with a typo; strict objects turn a misspelt key into an error naming it.
 */

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

// Descriptions and units are read by editors through schemas/experiment.schema.json.
const STEPS = { unit: 'steps' } as const;

export const DistributionSchema = z.discriminatedUnion('type', [
  z
    .strictObject({
      type: z.literal('uniform').meta({ description: 'Every value in [min, max] equally likely.' }),
      min: finite.meta({ description: 'Lower bound.' }),
      max: finite.meta({ description: 'Upper bound (above min).' }),
    })
    .meta({ description: 'Uniform distribution on [min, max].' }),
  z
    .strictObject({
      type: z.literal('loguniform').meta({ description: 'Uniform in log(value) on [min, max].' }),
      min: z.number().positive().meta({ description: 'Lower bound (above 0).' }),
      max: z.number().positive().meta({ description: 'Upper bound (above min).' }),
    })
    .meta({ description: 'Log-uniform distribution on [min, max], for a factor that spans orders of magnitude.' }),
  z
    .strictObject({
      type: z.literal('normal').meta({ description: 'Normal (Gaussian) distribution.' }),
      mean: finite.meta({ description: 'Mean.' }),
      sd: z.number().positive().meta({ description: 'Standard deviation (above 0).' }),
    })
    .meta({ description: 'Normal distribution with the given mean and standard deviation.' }),
  z
    .strictObject({
      type: z.literal('triangular').meta({ description: 'Triangular distribution peaking at mode.' }),
      min: finite.meta({ description: 'Lower bound.' }),
      mode: finite.meta({ description: 'Most likely value, between min and max.' }),
      max: finite.meta({ description: 'Upper bound (above min).' }),
    })
    .meta({ description: 'Triangular distribution on [min, max] with its peak at mode.' }),
]);
export type Distribution = z.infer<typeof DistributionSchema>;

export const FactorSchema = z
  .strictObject({
    path: z.string().min(1).meta({
      description: 'Dotted path of the scenario field to vary, e.g. "legitimacy" or "cops.density"; an unknown path is reported with the nearest valid one.',
    }),
    name: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)')
      .optional()
      .meta({ description: 'Column name of the factor in the store, and its key in calibration.priors (default: the path with dots and [i] as underscores).' }),
    range: z.tuple([finite, finite]).optional().meta({
      description: '[min, max] of the factor (min below max), sampled uniformly or, with scale: log, log-uniformly; a factorial design takes levels evenly spaced values including both ends. Give exactly one of range, values or distribution.',
    }),
    scale: z.enum(['linear', 'log']).default('linear').meta({ description: 'How a range is sampled: linear (uniform) or log (log-uniform; needs min > 0).' }),
    integer: z.boolean().default(false).meta({ description: 'Round the value to an integer (e.g. a vision radius or a jail term).' }),
    levels: z.int().min(1).max(10_000).optional().meta({ description: 'Levels of this factor in a factorial design, instead of design.levels (ranges only; a list uses every value).' }),
    values: z
      .array(z.union([finite, z.string(), z.boolean()]))
      .min(1)
      .optional()
      .meta({ description: 'An explicit list of values (numbers, strings or booleans). Give exactly one of range, values or distribution.' }),
    distribution: DistributionSchema.optional().meta({
      description: 'A distribution to sample the factor from (lhs, sobol and montecarlo designs; the prior of a calibration). Give exactly one of range, values or distribution.',
    }),
  })
  .superRefine((f, ctx) => {
    const given = [f.range, f.values, f.distribution].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of range, values or distribution' });
    if (f.range && !(f.range[0] < f.range[1])) ctx.addIssue({ code: 'custom', path: ['range'], message: 'min must be below max; write the range as [low, high]' });
    if (f.range && f.scale === 'log' && f.range[0] <= 0) ctx.addIssue({ code: 'custom', path: ['range'], message: 'a log scale needs min > 0' });
    const d = f.distribution;
    if (d && 'max' in d && !(d.min < d.max)) ctx.addIssue({ code: 'custom', path: ['distribution'], message: 'min must be below max' });
    if (d?.type === 'triangular' && !(d.min <= d.mode && d.mode <= d.max))
      ctx.addIssue({ code: 'custom', path: ['distribution', 'mode'], message: 'mode must lie between min and max' });
  })
  .meta({ description: 'A scenario field varied by the experiment, with the values it may take.' });
export type Factor = z.infer<typeof FactorSchema>;

export const DesignSchema = z.strictObject({
  type: z.enum(['factorial', 'lhs', 'sobol', 'montecarlo']).meta({
    description: 'factorial: every combination of the factor levels; lhs: Latin hypercube sample; sobol: Sobol quasi-random sequence; montecarlo: independent random draws.',
  }),
  n: z.int().min(1).max(LIMITS.runs).optional().meta({ description: 'Number of design points (required for lhs, sobol and montecarlo; factorial takes its levels from the factors).', unit: 'design points' }),
  levels: z.int().min(1).max(10_000).default(3).meta({ description: 'Default number of levels per range factor in a factorial design.', unit: 'levels' }),
});

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier (letters, digits, _)');

const summaryName = identifier.meta({ description: 'Column name of the summary in the runs table; unique among the summaries.' });
const summarised = z.string().meta({ description: 'Indicator (a series column of the model) the summary is taken over.' });
const fromStep = z.int().min(0).optional().meta({ description: 'First step of the window, inclusive (default: the first step).', ...STEPS });
const toStep = z.int().min(0).optional().meta({ description: 'Last step of the window, inclusive (default: the last step).', ...STEPS });

export const SummarySchema = z.discriminatedUnion('stat', [
  z
    .strictObject({
      name: summaryName,
      stat: z.literal('value_at').meta({ description: 'The indicator\'s value at a step.' }),
      indicator: summarised,
      at: z.union([z.int().min(0), z.literal('end')]).meta({ description: 'Step whose value is taken, or "end" for the last step.', ...STEPS }),
    })
    .meta({ description: 'The indicator\'s value at a step ("end" = the last step).' }),
  z
    .strictObject({ name: summaryName, stat: z.literal('max').meta({ description: 'Largest value in the window.' }), indicator: summarised, from: fromStep, to: toStep })
    .meta({ description: 'Largest value of the indicator between from and to.' }),
  z
    .strictObject({ name: summaryName, stat: z.literal('min').meta({ description: 'Smallest value in the window.' }), indicator: summarised, from: fromStep, to: toStep })
    .meta({ description: 'Smallest value of the indicator between from and to.' }),
  z
    .strictObject({ name: summaryName, stat: z.literal('mean').meta({ description: 'Mean over the steps of the window.' }), indicator: summarised, from: fromStep, to: toStep })
    .meta({ description: 'Mean of the indicator over the steps from to to.' }),
  z
    .strictObject({
      name: summaryName,
      stat: z.literal('first_passage').meta({ description: 'First step beyond a level.' }),
      indicator: summarised,
      above: finite.optional().meta({ description: 'Level the indicator must rise strictly above. Give exactly one of above or below.' }),
      below: finite.optional().meta({ description: 'Level the indicator must fall strictly below. Give exactly one of above or below.' }),
      after: z.int().min(0).optional().meta({
        description: 'Steps up to this one do not count, and the level is measured from the indicator\'s value at it: with a cumulative count, the first new event after an opening wave (e.g. explosions, above: 0, after: 4).',
        ...STEPS,
      }),
    })
    .meta({ description: 'First step where the indicator is above (or below) a level, e.g. the first explosion; null if it never happens.' }),
  z
    .strictObject({
      name: summaryName,
      stat: z.literal('episodes').meta({ description: 'Number of outbursts above a level.' }),
      indicator: summarised,
      above: finite.meta({ description: 'Level the indicator must rise strictly above during an episode.' }),
      from: z.int().min(0).optional().meta({ description: 'Step from which episodes are counted (default: the first step).', ...STEPS }),
    })
    .meta({ description: 'Number of maximal runs of consecutive steps above a level (Epstein\'s outbursts: active > 50).' }),
  z
    .strictObject({
      name: summaryName,
      stat: z.literal('compensator').meta({ description: 'Sum of a per-step event probability up to the first new event.' }),
      indicator: summarised.meta({ description: 'Indicator giving, each step, the probability that a new event starts in that step given the state before it (e.g. explosion_hazard).' }),
      event: z.string().meta({ description: 'Cumulative count of the events (e.g. explosions); a rise above its value at `after` is a new event.' }),
      after: z.int().min(0).meta({ description: 'Events up to this step are not new (e.g. the opening wave).', ...STEPS }),
      to: z.int().min(0).meta({ description: 'Last step counted: the horizon of "a new event by step to".', ...STEPS }),
    })
    .meta({ description: 'Conditional Monte Carlo estimate of P(a new event by step `to`): its mean over runs equals that probability, with less noise than the 0/1 indicator.' }),
]);
export type Summary = z.infer<typeof SummarySchema>;

export const OutputsSchema = z.strictObject({
  indicators: z.array(z.string()).min(1).optional().meta({ description: 'Indicators kept in the per-step series (default: all of the model\'s numeric indicators).' }),
  summaries: z.array(SummarySchema).default([]).meta({ description: 'One value per run each, a column of the runs table (needed by sensitivity, calibration and discovery).' }),
});

export const SensitivitySchema = z.strictObject({
  method: z.enum(['morris', 'sobol']).meta({ description: 'morris: elementary effects (mu*, sigma), a cheap screening; sobol: first-order and total Sobol indices.' }),
  N: z.int().min(2).meta({
    description: 'Morris: number of trajectories, N (k + 1) design rows; Sobol: number of base samples, Saltelli\'s N (k + 2) design rows (k = number of factors).',
  }),
  levels: z
    .int()
    .min(2)
    .refine((v) => v % 2 === 0, 'must be even')
    .default(4)
    .meta({ description: 'Morris grid levels (even, so that every step is half the grid).', unit: 'levels' }),
  bootstrap: z.int().min(0).default(200).meta({ description: 'Bootstrap resamples for the confidence intervals.', unit: 'resamples' }),
  outputs: z.array(z.string()).min(1).optional().meta({ description: 'Names of the summaries analysed (default: all of outputs.summaries).' }),
});

export const TargetSchema = z
  .strictObject({
    summary: z.string().meta({ description: 'Name of the summary in outputs.summaries compared (its mean over the replicates).' }),
    observed: finite.optional().meta({ description: 'An observed value: distance |simulated - observed| / scale. Give exactly one of observed or range.' }),
    range: z.tuple([finite, finite]).optional().meta({
      description: 'An acceptable range [lo, hi]: distance 0 inside, distance to the nearer bound / scale outside. Give exactly one of observed or range.',
    }),
    scale: z.number().positive().optional().meta({ description: 'Scale of the distance (default: |observed|, or the range width; 1 if zero).' }),
  })
  .superRefine((t, ctx) => {
    if ((t.observed === undefined) === (t.range === undefined))
      ctx.addIssue({ code: 'custom', message: 'give exactly one of observed or range' });
    if (t.range && !(t.range[0] <= t.range[1])) ctx.addIssue({ code: 'custom', path: ['range'], message: 'min must not exceed max' });
  })
  .meta({ description: 'A summary the calibration must reproduce; the distances of all targets combine as a Euclidean norm.' });
export type Target = z.infer<typeof TargetSchema>;

export const CalibrationSchema = z.strictObject({
  targets: z.array(TargetSchema).min(1).meta({ description: 'Summaries the calibrated runs must match.' }),
  priors: z
    .record(z.string(), DistributionSchema)
    .default({})
    .meta({ description: 'Priors by factor name (uniform or normal); a factor without one uses its range (uniform) or distribution.' }),
  population: z.int().min(2).default(100).meta({ description: 'Particles accepted per ABC-SMC generation.', unit: 'particles' }),
  generations: z.int().min(1).default(5).meta({ description: 'Largest number of generations, the first one drawn from the priors.', unit: 'generations' }),
  min_epsilon: z.number().min(0).default(0).meta({ description: 'Stop after the generation whose tolerance (distance) reaches this.' }),
  batch: z.int().min(1).optional().meta({ description: 'Simulations proposed per batch while a generation fills up (default: the population size).', unit: 'simulations' }),
  max_simulations: z
    .int()
    .min(1)
    .default(100000)
    .meta({ description: 'Stop after this many simulations in all (guards a too-small epsilon).', unit: 'simulations' }),
});

export const BacktestSchema = z.strictObject({
  observed: z.string().min(1).meta({
    description: 'CSV with columns indicator,time,value (time in steps; path relative to the experiment file). The earliest observation is the forecast origin.',
  }),
  levels: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .default([0.5, 0.9])
    .meta({ description: 'Central prediction-interval levels scored, each between 0 and 1, e.g. [0.5, 0.9].' }),
});

export const DiscoverySchema = z.strictObject({
  outcome: z.string().min(1).meta({
    description:
      'Yes/no outcome over summaries, e.g. "first_explosion < 260": numbers, + - * /, < <= > >= == !=, and, or, not, parentheses; a first passage that never happened is +infinity.',
  }),
  peel_alpha: z.number().gt(0).lt(1).default(0.05).meta({ description: 'PRIM peeling fraction: share of the points peeled off a box at each step.', unit: 'fraction' }),
  min_support: z.number().gt(0).lt(1).default(0.05).meta({ description: 'PRIM minimum box support: smallest share of the points a box may keep.', unit: 'fraction' }),
});

const mechanismId = z.string().min(1).meta({ description: 'Id of one of the model\'s mechanisms, e.g. "M7".' });

export const AttributionSchema = z.strictObject({
  mechanisms: z
    .union([z.literal('all'), z.array(mechanismId).min(1)])
    .default('all')
    .meta({ description: 'Mechanisms switched off one at a time, each its own arm: "all" (every mechanism of the model) or a list of ids.' }),
  groups: z
    .array(
      z.strictObject({
        id: identifier.meta({ description: 'Name of the arm in the store and the report.' }),
        label: z.string().optional().meta({ description: 'What the arm means, for the report (default: the ids switched off).' }),
        off: z.array(mechanismId).min(1).meta({ description: 'Mechanisms switched off together in this arm.' }),
      }),
    )
    .default([])
    .meta({ description: 'Arms that switch several mechanisms off at once, e.g. every repression-feedback mechanism.' }),
  sweep: z
    .strictObject({
      path: z.string().min(1).meta({ description: 'Dotted scenario path of the parameter swept, e.g. "interventions[1].intensity".' }),
      label: z.string().optional().meta({ description: 'Name of the parameter in the report (default: the path).' }),
      values: z.array(finite).min(1).meta({ description: 'Values of the parameter, each an arm paired with the baseline (the scenario as it is).' }),
    })
    .optional()
    .meta({ description: 'A parameter swept over values, each value an arm paired with the baseline by common random numbers.' }),
  estimator: z.enum(['auto', 'indicator', 'compensator']).default('auto').meta({
    description:
      'How P(new event by a step) is estimated per run: indicator (0/1), compensator (sum of the model\'s per-step hazard up to the first new event: conditional Monte Carlo, lower variance), or auto (compensator when the model reports a hazard).',
  }),
  criterion: z.enum(['half_width', 'mde']).default('half_width').meta({
    description: 'What the precision targets bound: the 95 % confidence half-width of the paired difference, or its minimal detectable effect at 80 % power.',
  }),
  event_precision: z.number().positive().nullable().default(0.05).meta({
    description: 'Target for P(new event by the horizon): an arm stops adding pairs once the criterion is at or below this (null: no target).',
    unit: 'probability',
  }),
  stock_precision: z.number().positive().nullable().default(null).meta({
    description: 'Target for the headline stocks, relative to the baseline mean (0.1 = 10 %; null: no target).',
    unit: 'fraction of the baseline mean',
  }),
  min_pairs: z.int().min(2).default(16).meta({ description: 'Pairs every arm runs before the first look.', unit: 'pairs' }),
  batch: z.int().min(1).default(16).meta({ description: 'Pairs added to an arm per round while it is short of the targets.', unit: 'pairs' }),
  max_pairs: z.int().min(2).default(256).meta({ description: 'Most pairs an arm runs; an arm that reaches it stops with stop_reason max_pairs.', unit: 'pairs' }),
  resamples: z.int().min(0).default(1000).meta({ description: 'Bootstrap resamples for the relative-change interval.', unit: 'resamples' }),
});
export type AttributionSettings = z.infer<typeof AttributionSchema>;

export const ExperimentSchema = z
  .strictObject({
    kind: z.enum(['ensemble', 'sweep', 'sensitivity', 'calibration', 'backtest', 'discovery', 'attribution']).meta({
      description:
        'ensemble: replicates of one scenario, with bands; sweep: a design over the factors; sensitivity: Morris or Sobol analysis; calibration: ABC-SMC; backtest: an ensemble scored against observations; discovery: a sweep, then PRIM boxes for an outcome; attribution: mechanisms switched off (and a parameter swept), paired with the baseline by common random numbers, run to a requested precision.',
    }),
    name: identifier.optional().meta({ description: 'Name of the store (powderkeg-out/<name>.duckdb) and report (default: the experiment file\'s base name).' }),
    description: z.string().optional().meta({ description: 'Free text about the experiment.' }),
    scenario: z.string().min(1).meta({ description: 'Scenario file, relative to the experiment file.' }),
    set: z.record(z.string(), z.unknown()).default({}).meta({ description: 'Scenario overrides applied before the factors, as dotted path: value.' }),
    factors: z.array(FactorSchema).default([]).meta({
      description: 'Scenario fields varied (at least one for sweep, sensitivity, calibration and discovery; none for ensemble and backtest, which take set: instead).',
    }),
    design: DesignSchema.optional().meta({ description: 'How the design points are drawn from the factors (required for sweep and discovery).' }),
    replicates: z.int().min(1).max(1_000_000).default(1).meta({ description: 'Runs of each design point (of the scenario, for an ensemble), each with its own seed.', unit: 'replicates' }),
    seed: z
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .default(1)
      .meta({ description: 'Master seed: a run\'s seed is deriveSeed(seed, row, replicate), the same on any number of workers.' }),
    steps: z.int().min(1).max(LIMITS.steps).optional().meta({ description: 'Steps per run (default: the scenario\'s).', ...STEPS }),
    series: z.boolean().optional().meta({ description: 'Keep the per-step series (default: on for ensemble and backtest, which need it; off for the other kinds).' }),
    every: z.int().min(1).default(1).meta({ description: 'Keep every n-th step in the series (summaries always see every step).', ...STEPS }),
    outputs: OutputsSchema.default({ summaries: [] }).meta({ description: 'What each run keeps: per-step indicators and per-run summaries.' }),
    sensitivity: SensitivitySchema.optional().meta({ description: 'Settings of a sensitivity experiment (only and always with kind: sensitivity).' }),
    calibration: CalibrationSchema.optional().meta({ description: 'Settings of a calibration experiment (only and always with kind: calibration).' }),
    backtest: BacktestSchema.optional().meta({ description: 'Settings of a backtest experiment (only and always with kind: backtest).' }),
    discovery: DiscoverySchema.optional().meta({ description: 'Settings of a discovery experiment (only and always with kind: discovery).' }),
    attribution: AttributionSchema.optional().meta({ description: 'Settings of an attribution experiment (only and always with kind: attribution).' }),
  })
  .superRefine((e, ctx) => {
    const need = (cond: boolean, path: string, message: string) => {
      if (!cond) ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const kindSection = { sensitivity: e.sensitivity, calibration: e.calibration, backtest: e.backtest, discovery: e.discovery, attribution: e.attribution };
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
    if (e.kind === 'attribution') {
      need(e.factors.length === 0, 'factors', 'an attribution experiment runs one scenario and its arms: give fixed values with set:, and a parameter to vary with attribution.sweep');
      const a = e.attribution;
      if (a && a.min_pairs > a.max_pairs) ctx.addIssue({ code: 'custom', path: ['attribution', 'min_pairs'], message: `min_pairs (${a.min_pairs}) exceeds max_pairs (${a.max_pairs})` });
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
  })
  .meta({ description: 'A powderkeg experiment: what to run on which scenario, and what each run keeps.' });

export type Experiment = z.infer<typeof ExperimentSchema>;

/** Column name of a factor in the store. */
export function factorColumnName(f: Pick<Factor, 'path' | 'name'>): string {
  return f.name ?? f.path.replace(/\[(\d+)\]/g, '_$1').replace(/[^A-Za-z0-9_]/g, '_');
}
