import { createHash } from 'node:crypto';
import { basename, dirname, extname, resolve } from 'node:path';
import YAML from 'yaml';
import type { ModelDefinition } from '../models/types.js';
import { canonicalJson } from '../scenario/canonical-json.js';
import { UserError, type Problem } from '../errors.js';
import { isPrefixOfPattern, parsePath } from '../scenario/field-path.js';
import { loadScenario, readTextFile, type LoadedScenario } from '../scenario/load.js';
import { isPlausibleTypo, nearestPath, nearestWord } from '../scenario/nearest.js';
import { formatCount, LIMITS } from '../scenario/limits.js';
import { runSizeProblems } from '../scenario/run-size.js';
import { plannedRuns } from './planned-runs.js';
import { issuesToProblems } from '../scenario/problems.js';
import { schemaPaths } from '../scenario/schema-paths.js';
import { readYaml } from '../scenario/yaml-document.js';
import type { JobSpec } from './executor.js';
import { parseObservedCsv, type Observation } from './observed.js';
import { outcomeVariables, parseOutcome, type Expr } from './outcome.js';
import { applyParameters } from './parameters.js';
import { armProblems } from './attribution-arms.js';
import { ablationModuleUrl, headlineSet } from './attribution.js';
import { ExperimentSchema, factorColumnName, type Experiment } from './schema.js';

export interface LoadedExperiment {
  readonly file: string;
  /** Store and report name: `name:` or the file's base name. */
  readonly name: string;
  readonly experiment: Experiment;
  readonly scenario: LoadedScenario;
  readonly steps: number;
  /** Indicators of the model's series, in its order, with their types. */
  readonly indicators: readonly { readonly name: string; readonly type: 'int' | 'float' | 'string' }[];
  readonly observed: readonly Observation[] | null;
  readonly outcome: Expr | null;
  /** sha256 of the validated experiment, the scenario hash and any observed data. */
  readonly hash: string;
}

export interface LoadExperimentOptions {
  /** Models to choose from (tests); the registry by default. */
  readonly models?: readonly ModelDefinition[];
  /** Runs the experiment on this scenario file instead of its `scenario:` (the main job on another scenario). */
  readonly scenario?: string;
}

/**
 * Reads and checks an experiment file and its scenario. Every problem found is reported at once,
 * each naming the file and the field; nothing is run or written before this passes.
 */
export function loadExperiment(file: string, options: LoadExperimentOptions = {}): LoadedExperiment {
  const text = readTextFile(file);
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) throw new UserError(yaml.problems);
  if (yaml.data === null || yaml.data === undefined) {
    throw new UserError({ file, message: 'the file is empty; an experiment needs at least kind: and scenario: (see experiments/*.yaml)' });
  }
  if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    throw new UserError({ file, message: 'expected an experiment (a group of fields starting with kind: and scenario:), found something else' });
  }
  const parsed = ExperimentSchema.safeParse(yaml.data, { reportInput: true });
  if (!parsed.success) {
    throw new UserError(issuesToProblems(parsed.error.issues, { file, input: yaml.data, validPaths: schemaPaths(ExperimentSchema) }));
  }
  const e = parsed.data;
  const scenarioFile = options.scenario ? resolve(options.scenario) : resolve(dirname(file), e.scenario);
  const set = setOverrides(e.set);
  const scenario = loadScenario(scenarioFile, { set, models: options.models });
  const model = scenario.model;
  const problems: Problem[] = [];
  const at = (path: string, message: string) => problems.push({ file, path, message });

  const validPaths = schemaPaths(model.schema);
  const patterns = validPaths.map((p) => parsePath(p)!).filter(Boolean);
  e.factors.forEach((f, i) => {
    const segments = parsePath(f.path);
    const known = segments && patterns.some((p) => p.length === segments.length && isPrefixOfPattern(segments, p));
    if (!known) {
      const group = segments && patterns.some((p) => isPrefixOfPattern(segments, p));
      at(`factors[${i}].path`, group ? `"${f.path}" is a group of fields, not one field; give one field under it` : unknownFieldMessage(f.path, validPaths));
      return;
    }
    // The extremes of a factor must make valid scenarios, or every run there would fail.
    const probe = f.values ?? (f.range ? [f.range[0], f.range[1]] : []);
    for (const v of probe) {
      const check = model.schema.safeParse(applyParameters(scenario.scenario, { [f.path]: f.integer && typeof v === 'number' ? Math.round(v) : v }));
      if (!check.success) {
        at(`factors[${i}].${f.values ? 'values' : 'range'}`, `${JSON.stringify(v)} is not a valid value of ${f.path}: ${check.error.issues[0]?.message ?? 'rejected by the model'}`);
        break;
      }
      // ... and runs of a size the machine can take (a grid side of 1e6 would not build).
      const tooBig = runSizeProblems(model, check.data, undefined, 0);
      if (tooBig.length > 0) {
        at(`factors[${i}].${f.values ? 'values' : 'range'}`, `${JSON.stringify(v)} for ${f.path}: ${tooBig[0].message}`);
        break;
      }
    }
  });

  const steps = e.steps ?? model.defaultSteps(scenario.scenario);
  const columns = model.columns(scenario.scenario);
  const names = columns.map((c) => c.name);
  const checkIndicator = (path: string, name: string) => {
    if (!names.includes(name)) at(path, `the model has no indicator "${name}"; did you mean "${nearestWord(name, names)}"? (it has ${names.join(', ')})`);
  };
  e.outputs.indicators?.forEach((name, i) => checkIndicator(`outputs.indicators[${i}]`, name));
  e.outputs.summaries.forEach((s, i) => {
    checkIndicator(`outputs.summaries[${i}].indicator`, s.indicator);
    if (s.stat === 'compensator') checkIndicator(`outputs.summaries[${i}].event`, s.event);
  });
  if (e.attribution) {
    const a = e.attribution;
    if (!model.attribution) at('kind', `the ${model.id} model declares no attribution targets (ModelDefinition.attribution), so there is nothing to attribute`);
    for (const [path, message] of armProblems(model, a)) at(path, message);
    if (a.sweep) {
      const known = validPaths.includes(a.sweep.path) || patterns.some((p) => { const seg = parsePath(a.sweep!.path); return !!seg && p.length === seg.length && isPrefixOfPattern(seg, p); });
      if (!known) at('attribution.sweep.path', `the scenario has no field "${a.sweep.path}"${nearestPath(a.sweep.path, validPaths) ? `; did you mean "${nearestPath(a.sweep.path, validPaths)}"?` : ''}`);
      else {
        for (const v of a.sweep.values) {
          const check = model.schema.safeParse(applyParameters(scenario.scenario, { [a.sweep.path]: v }));
          if (!check.success) {
            at('attribution.sweep.values', `${v} is not a valid value of ${a.sweep.path}: ${check.error.issues[0]?.message ?? 'rejected by the model'}`);
            break;
          }
        }
      }
    }
  }

  if (e.calibration) {
    e.factors.forEach((f, i) => {
      const prior = e.calibration!.priors[factorColumnName(f)];
      if (prior && prior.type !== 'uniform' && prior.type !== 'normal') at(`calibration.priors.${factorColumnName(f)}`, 'calibration priors are uniform or normal');
      else if (!prior && f.values) at(`factors[${i}]`, 'a calibrated factor needs a range or a distribution (its prior), not a list');
      else if (!prior && f.distribution && f.distribution.type !== 'uniform' && f.distribution.type !== 'normal')
        at(`factors[${i}].distribution`, 'calibration priors are uniform or normal');
    });
  }

  let observed: Observation[] | null = null;
  if (e.backtest) {
    const csvFile = resolve(dirname(file), e.backtest.observed);
    const csv = parseObservedCsv(readTextFile(csvFile, { maxBytes: LIMITS.dataFileBytes }), csvFile);
    problems.push(...csv.problems);
    observed = csv.rows;
    for (const name of new Set(csv.rows.map((r) => r.indicator))) checkIndicator('backtest.observed', name);
    const late = csv.rows.find((r) => r.time > steps);
    if (late) at('backtest.observed', `observations reach time ${late.time}, beyond the ${steps} steps simulated`);
    const offGrid = csv.rows.find((r) => r.time % e.every !== 0 && r.time !== steps);
    if (offGrid) at('every', `the series is kept every ${e.every} steps, but ${offGrid.indicator} is observed at time ${offGrid.time}`);
    const kept = e.outputs.indicators;
    for (const name of new Set(csv.rows.map((r) => r.indicator))) {
      if (kept && names.includes(name) && !kept.includes(name)) at('outputs.indicators', `add "${name}": the back-test compares it with the observed series`);
    }
  }

  let outcome: Expr | null = null;
  if (e.discovery) {
    try {
      outcome = parseOutcome(e.discovery.outcome);
      const summaryNames = e.outputs.summaries.map((s) => s.name);
      for (const v of outcomeVariables(outcome)) {
        if (!summaryNames.includes(v)) at('discovery.outcome', `"${v}" is not a summary; summaries are ${summaryNames.join(', ') || 'none'}`);
      }
    } catch (err) {
      at('discovery.outcome', (err as Error).message);
    }
  }

  if (problems.length === 0) problems.push(...experimentSizeProblems(file, e, model, scenario.scenario, steps, names.length));
  if (problems.length > 0) throw new UserError(problems);
  // An attribution's runs keep the model's headline summaries, whatever else the file asks for.
  const experiment: Experiment = e.attribution
    ? { ...e, outputs: { ...e.outputs, summaries: [...e.outputs.summaries, ...headlineSet(model, columns, steps, e.attribution.estimator).summaries] } }
    : e;
  const hash = createHash('sha256')
    .update(canonicalJson({ experiment, scenario: scenario.hash, observed }))
    .digest('hex');
  return {
    file,
    name: e.name ?? basename(file, extname(file)),
    experiment,
    scenario,
    steps,
    indicators: columns.map((c) => ({ name: c.name, type: c.type })),
    observed,
    outcome,
    hash,
  };
}

/** What every run of this experiment shares, ready to send to workers. */
export function jobSpec(x: LoadedExperiment, model: JobSpec['model'] = defaultJobModel(x)): JobSpec {
  const e = x.experiment;
  const numeric = x.indicators.filter((c) => c.type !== 'string').map((c) => c.name);
  const wantSeries = e.series ?? (e.kind === 'ensemble' || e.kind === 'backtest');
  return {
    model,
    scenario: x.scenario.scenario,
    factorPaths: Object.fromEntries(e.factors.map((f) => [factorColumnName(f), f.path])),
    steps: x.steps,
    summaries: e.outputs.summaries,
    series: wantSeries ? (e.outputs.indicators ?? numeric) : null,
    every: e.every,
  };
}


/** An attribution runs its arms through the ablation wrapper (mechanisms off by `ablate:`); the other kinds run the model itself. */
function defaultJobModel(x: LoadedExperiment): JobSpec['model'] {
  return x.experiment.kind === 'attribution' ? { id: 'ablation', module: ablationModuleUrl() } : { id: x.scenario.model.id };
}

/** The unknown path and, if one is close enough to be a typo, the field meant; else where to look. */
function unknownFieldMessage(path: string, validPaths: readonly string[]): string {
  const guess = nearestPath(path, validPaths);
  if (guess !== undefined && isPlausibleTypo(path, guess)) return `the scenario has no field "${path}"; did you mean "${guess}"?`;
  const tops = [...new Set(validPaths.map((p) => p.split(/[.[]/)[0]))].filter((t) => t !== 'model');
  return `the scenario has no field "${path}"; its fields start with ${tops.slice(0, 12).join(', ')}${tops.length > 12 ? ', ...' : ''} (see powderkeg schema)`;
}

/**
 * Refuses, before a store is made, an experiment too large to finish: too many runs, a series
 * table beyond LIMITS.seriesRows, or runs that would not fit in memory.
 */
function experimentSizeProblems(file: string, e: Experiment, model: ModelDefinition, scenario: unknown, steps: number, indicatorCount: number): Problem[] {
  const runs = countRuns(e);
  if (runs > LIMITS.runs) {
    return [{ file, path: 'replicates', message: `the experiment would make ${formatCount(runs)} runs, more than the ${formatCount(LIMITS.runs)} allowed; use fewer design points or replicates` }];
  }
  const wantSeries = e.series ?? (e.kind === 'ensemble' || e.kind === 'backtest');
  const columns = wantSeries ? (e.outputs.indicators?.length ?? indicatorCount) : 0;
  const rowsPerRun = Math.floor(steps / e.every) + 2;
  if (wantSeries && runs * rowsPerRun > LIMITS.seriesRows) {
    return [{ file, path: 'every', message: `the series table would have ${formatCount(runs * rowsPerRun)} rows, more than the ${formatCount(LIMITS.seriesRows)} allowed; keep every n-th step (every: ${Math.ceil((runs * rowsPerRun) / LIMITS.seriesRows) * e.every}) or series: false` }];
  }
  return runSizeProblems(model, scenario, file, steps, 'steps', columns, e.every);
}

/** Runs of the experiment, counted without building its design. */
function countRuns(e: Experiment): number {
  if (e.kind === 'sweep' || e.kind === 'discovery') {
    const d = e.design!;
    const points = d.type === 'factorial' ? e.factors.reduce((n, f) => n * (f.values?.length ?? f.levels ?? d.levels), 1) : d.n!;
    return points * e.replicates;
  }
  if (e.kind === 'calibration') return Math.min(e.calibration!.max_simulations, plannedRuns(e)) ;
  return plannedRuns(e);
}

/** An experiment's `set:` as the `path=value` overrides loadScenario takes (`--set` on the command line). */
export function setOverrides(set: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(set).map(([path, value]) => `${path}=${YAML.stringify(value, { collectionStyle: 'flow' }).trim()}`);
}
