import YAML from 'yaml';
import { GROUP_SEPARATOR } from '../experiment/ablation-model.js';
import { plannedRuns } from '../experiment/planned-runs.js';
import { ExperimentSchema, type Experiment } from '../experiment/schema.js';
import { parameterRows, type JsonSchema } from './assumptions.js';
import { readIdentifiability } from './identifiability-section.js';
import { readSeedQuestion, rowOf } from './seed-question.js';
import { openStoreForReport, type ReadOnlyStore } from './open-store.js';
import type { Band, BacktestSeries, ReportData, ReportHeader, TargetResult } from './report-data.js';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const fmtNum = (v: number | null): string => (v === null ? '—' : String(Number(v.toPrecision(4))));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** Reads everything the report shows from an experiment store (see docs/store.md). */
export async function readStore(path: string): Promise<ReportData> {
  const store = await openStoreForReport(path);
  try {
    return await readAll(store);
  } finally {
    store.close();
  }
}

async function readAll(store: ReadOnlyStore): Promise<ReportData> {
  const warnings: string[] = [];
  const m = (await store.query('SELECT * FROM manifest'))[0];
  let experiment: Experiment | null = null;
  try {
    experiment = ExperimentSchema.parse(JSON.parse(str(m.experiment_json)));
  } catch {
    warnings.push('the stored experiment description could not be read; runs expected are unknown');
  }
  const counts = (await store.query(`SELECT count(*) FILTER (WHERE status = 'ok') AS ok, count(*) AS all FROM runs`))[0];
  const runsDone = Number(counts.all);
  const failed = runsDone - Number(counts.ok);
  if (failed > 0) warnings.push(`${failed} of ${runsDone} runs failed`);
  const header: ReportHeader = {
    file: store.path,
    experiment: experiment?.name ?? str(m.experiment_file).replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
    kind: str(m.kind),
    model: str(m.model),
    powderkegVersion: str(m.powderkeg_version),
    seed: str(m.seed),
    startedAt: str(m.started_at),
    finishedAt: str(m.finished_at),
    runsDone,
    runsExpected: experiment ? plannedRuns(experiment) : runsDone,
    complete: str(m.status) === 'complete',
  };
  const meta = await readMeta(store);
  if (meta.size === 0) warnings.push('this store does not describe its model (it was made before stores did): units, the time axis and parameters are not shown; re-run the experiment to get them');
  const { scenario, scenarioText } = await readScenario(store, warnings);
  const columns = [...asColumns(meta.get('columns')), ...asColumns(meta.get('group_columns'))];
  const unitOf = (name: string) => columns.find((c) => c.name === name)?.unit ?? '';
  const schema = meta.get('parameter_schema') as JsonSchema | undefined;
  const parameters = schema && scenario ? safe(() => parameterRows(schema, scenario), [], warnings, 'parameters') : [];
  const defaultSeries = Array.isArray(meta.get('default_series')) ? (meta.get('default_series') as string[]) : [];
  const bands = store.tables.has('ensemble_bands') ? orderBands(await readBands(store, unitOf), defaultSeries) : [];
  return {
    header,
    scenarioText,
    stepName: stepName(meta.get('clock')),
    parameters,
    bands,
    targets: await readTargets(store),
    ...(await readSensitivity(store)),
    ...(await readCalibration(store)),
    backtest: store.tables.has('backtest_scores') ? readBacktest(bands, meta.get('observed'), warnings) : [],
    backtestScores: store.tables.has('backtest_scores') ? await readBacktestScores(store) : [],
    ...(await readPrim(store)),
    attribution: await readAttribution(store),
    identifiability: await readIdentifiability(store),
    seedQuestion: await readSeedQuestion(store),
    sideBySide: await readSideBySide(store),
    warnings,
  };
}

function safe<T>(f: () => T, fallback: T, warnings: string[], what: string): T {
  try {
    return f();
  } catch (err) {
    warnings.push(`${what}: ${(err as Error).message.split('\n')[0]}`);
    return fallback;
  }
}

/** Non-finite numbers are stored as strings in canonical JSON (a life sentence is .inf). */
const revive = (_k: string, v: unknown) => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v);

/** The store's description of its model (docs/store.md, model_meta), by key. */
async function readMeta(store: ReadOnlyStore): Promise<Map<string, unknown>> {
  if (!store.tables.has('model_meta')) return new Map();
  const rows = await store.query('SELECT key, value_json FROM model_meta');
  return new Map(rows.map((r) => [str(r.key), JSON.parse(str(r.value_json), revive) as unknown]));
}

function asColumns(v: unknown): { name: string; unit: string }[] {
  if (!Array.isArray(v)) return [];
  return v.filter((c) => c && typeof c.name === 'string').map((c) => ({ name: String(c.name), unit: typeof c.unit === 'string' ? c.unit : '' }));
}

/** "week after 2022-01-03" for a model with a calendar, else its step unit. */
function stepName(clock: unknown): string {
  const c = (clock ?? {}) as { unit?: unknown; startDate?: unknown };
  const unit = typeof c.unit === 'string' && c.unit ? c.unit : 'step';
  return typeof c.startDate === 'string' && c.startDate ? `${unit} after ${c.startDate}` : unit;
}

/** The model's default series first, in its order; the others as stored. */
function orderBands(bands: Band[], first: readonly string[]): Band[] {
  const rank = (b: Band) => (first.includes(b.indicator) ? first.indexOf(b.indicator) : first.length);
  return bands.map((b, i) => ({ b, i })).sort((x, y) => rank(x.b) - rank(y.b) || x.i - y.i).map((x) => x.b);
}

/** The validated scenario as run, stored by the experiment runner with the experiment's `set:` applied. */
async function readScenario(store: ReadOnlyStore, warnings: string[]): Promise<{ scenario: unknown; scenarioText: string }> {
  const row = store.tables.has('scenario') ? (await store.query('SELECT scenario_json FROM scenario'))[0] : undefined;
  if (!row) {
    warnings.push('the store does not hold its scenario: parameters are not shown');
    return { scenario: null, scenarioText: '' };
  }
  const scenario = JSON.parse(str(row.scenario_json), revive) as unknown;
  return { scenario, scenarioText: YAML.stringify(withoutTargets(scenario)) };
}

function withoutTargets(s: unknown): unknown {
  if (!s || typeof s !== 'object') return s;
  const { targets: _t, ...rest } = s as Record<string, unknown>;
  return rest;
}

async function readBands(store: ReadOnlyStore, unitOf: (name: string) => string): Promise<Band[]> {
  const rows = await store.query('SELECT indicator, step, q05, q25, q50, q75, q95 FROM ensemble_bands ORDER BY indicator, step');
  const by = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = str(r.indicator);
    if (!by.has(k)) by.set(k, []);
    by.get(k)!.push(r);
  }
  return [...by.entries()].map(([name, list]) => {
    const sep = name.lastIndexOf(GROUP_SEPARATOR);
    const indicator = sep > 0 ? name.slice(0, sep) : name;
    const group = sep > 0 ? name.slice(sep + GROUP_SEPARATOR.length) : null;
    const col = (k: string) => list.map((r) => Number(r[k]));
    return { indicator, unit: unitOf(indicator), group, designRow: 0, steps: col('step'), p05: col('q05'), p25: col('q25'), p50: col('q50'), p75: col('q75'), p95: col('q95') };
  });
}

async function readTargets(store: ReadOnlyStore): Promise<TargetResult[]> {
  if (store.tables.has('target_results')) {
    const rows = await store.query('SELECT * FROM target_results');
    return rows.map((r) => ({
      name: str(r.id),
      description: [str(r.claim), str(r.measure)].filter(Boolean).join(' | '),
      value: num(r.mean),
      low: num(r.min),
      high: num(r.max),
      pass: r.pass === null ? null : Boolean(r.pass),
    }));
  }
  if (store.tables.has('targets')) {
    const rows = await store.query('SELECT * FROM targets');
    const runs = await store.columns('runs');
    const out: TargetResult[] = [];
    for (const r of rows) {
      const summary = str(r.summary);
      // The calibration's own measure of fit: the summary's mean over the posterior's runs is not
      // stored, so the value shown is the mean over the last tenth of the runs proposed.
      let value: number | null = null;
      if (runs.includes(summary)) {
        const q = await store.query(
          `SELECT avg("${summary.replace(/"/g, '""')}") AS v FROM (SELECT * FROM runs WHERE status = 'ok' ORDER BY "row" DESC LIMIT greatest(1, (SELECT count(*) FROM runs) // 10))`,
        );
        value = num(q[0]?.v);
      }
      // No verdict: an ABC target is fitted by distance, not held or failed.
      const observed = num(r.observed);
      out.push({
        name: summary,
        description: `calibration target${observed !== null ? ` (observed ${fmtNum(observed)})` : ''}, distance scale ${fmtNum(num(r.scale))}; value: mean over the last tenth of the runs proposed`,
        value,
        low: observed ?? num(r.low),
        high: observed ?? num(r.high),
        pass: null,
      });
    }
    return out;
  }
  return [];
}

async function readSensitivity(store: ReadOnlyStore): Promise<Pick<ReportData, 'morris' | 'sobol'>> {
  if (!store.tables.has('sensitivity')) return { morris: [], sobol: [] };
  const rows = await store.query('SELECT * FROM sensitivity WHERE factor IS NOT NULL');
  const key = (r: Record<string, unknown>) => `${str(r.method)}\u0000${str(r.output)}\u0000${str(r.factor)}`;
  const by = new Map<string, Map<string, Record<string, unknown>>>();
  for (const r of rows) {
    if (!by.has(key(r))) by.set(key(r), new Map());
    by.get(key(r))!.set(str(r.index), r);
  }
  const morris: ReportData['morris'][number][] = [];
  const sobol: ReportData['sobol'][number][] = [];
  for (const [k, idx] of by) {
    const [method, output, factor] = k.split('\u0000');
    const v = (name: string) => Number(idx.get(name)?.value ?? NaN);
    const ci = (name: string): readonly [number, number] | null => {
      const r = idx.get(name);
      return r && r.ci_low !== null && r.ci_high !== null ? [Number(r.ci_low), Number(r.ci_high)] : null;
    };
    if (method === 'morris') morris.push({ output, factor, mu: v('mu'), muStar: v('mu_star'), sigma: v('sigma'), muStarCi: ci('mu_star') });
    else if (method === 'sobol') sobol.push({ output, factor, s1: v('S1'), s1Ci: ci('S1'), st: v('ST'), stCi: ci('ST') });
  }
  return { morris, sobol };
}

async function readCalibration(store: ReadOnlyStore): Promise<Pick<ReportData, 'posterior' | 'epsilons'>> {
  if (!store.tables.has('posterior')) return { posterior: [], epsilons: [] };
  const cols = await store.columns('posterior');
  const factors = cols.filter((c) => !['generation', 'particle', 'weight', 'distance'].includes(c));
  const rows = await store.query('SELECT * FROM posterior ORDER BY generation, particle');
  const posterior = rows.flatMap((r) => factors.map((f) => ({ generation: Number(r.generation), parameter: f, value: Number(r[f]), weight: Number(r.weight) })));
  const epsilons = store.tables.has('abc_generations')
    ? (await store.query('SELECT generation, epsilon, acceptance_rate FROM abc_generations WHERE epsilon IS NOT NULL ORDER BY generation')).map((r) => ({
        generation: Number(r.generation),
        epsilon: Number(r.epsilon),
        acceptanceRate: num(r.acceptance_rate),
      }))
    : [];
  return { posterior, epsilons };
}

function readBacktest(bands: readonly Band[], stored: unknown, warnings: string[]): BacktestSeries[] {
  if (!Array.isArray(stored)) {
    warnings.push('the store does not hold the observed series: the back-test charts show the forecast only');
    return [];
  }
  const observed = (stored as { indicator: string; time: number; value: number }[]).filter((o) => o && typeof o.indicator === 'string');
  const names = [...new Set(observed.map((o) => o.indicator))];
  return names.flatMap((name) => {
    const b = bands.find((x) => x.indicator === name && x.group === null);
    if (!b) return [];
    return [{ indicator: name, steps: b.steps, p05: b.p05, p25: b.p25, p50: b.p50, p75: b.p75, p95: b.p95, observed: observed.filter((o) => o.indicator === name).map((o) => ({ step: o.time, value: o.value })) }];
  });
}

async function readSideBySide(store: ReadOnlyStore): Promise<ReportData['sideBySide']> {
  if (!store.tables.has('backtest_standings') || !store.tables.has('backtest_figures')) return undefined;
  const standings = await store.query('SELECT * FROM backtest_standings');
  const figures = await store.query('SELECT * FROM backtest_figures ORDER BY indicator, time, scenario');
  return {
    standings: standings.map((r) => ({
      scenario: str(r.scenario),
      replicates: Number(r.replicates),
      figures: Number(r.figures),
      coverage: num(r.coverage),
      skill: num(r.skill),
      relativeCrps: num(r.relative_crps),
      rowsWon: num(r.rows_won),
      favoured: r.favoured === true,
      reason: r.reason == null ? null : str(r.reason),
      observedFile: str(r.observed_file),
      missing: str(r.missing ?? ''),
    })),
    figures: figures.map((r) => ({
      scenario: str(r.scenario),
      indicator: str(r.indicator),
      time: str(r.time),
      value: Number(r.value),
      low: Number(r.low),
      high: Number(r.high),
      mean: Number(r.mean),
      p05: Number(r.p05),
      p95: Number(r.p95),
      covered: r.covered === true,
      crps: Number(r.crps),
      inCalibration: r.in_calibration === true,
    })),
  };
}

async function readBacktestScores(store: ReadOnlyStore): Promise<ReportData['backtestScores'][number][]> {
  const rows = await store.query('SELECT * FROM backtest_scores ORDER BY indicator, level');
  return rows.flatMap((r) =>
    ['coverage', 'interval_score', 'crps', 'mae'].map((metric) => ({
      indicator: str(r.indicator),
      metric: `${metric} (${Math.round(Number(r.level) * 100)} %)`,
      model: Number(r[metric]),
      persistence: num(r[`persistence_${metric}`]),
    })),
  );
}

async function readPrim(store: ReadOnlyStore): Promise<Pick<ReportData, 'primSteps' | 'primLimits'>> {
  if (!store.tables.has('prim_boxes')) return { primSteps: [], primLimits: [] };
  const steps = await store.query(`SELECT DISTINCT step, coverage, density, mass FROM prim_boxes WHERE kind = 'peel' ORDER BY step`);
  const limits = await store.query(`SELECT factor, lo, hi, restricted FROM prim_boxes WHERE kind = 'selected' ORDER BY factor`);
  return {
    primSteps: steps.map((r) => ({ box: 1, step: Number(r.step), coverage: Number(r.coverage), density: Number(r.density), mass: num(r.mass) })),
    primLimits: limits.map((r) => ({ box: 1, parameter: str(r.factor), low: num(r.lo), high: num(r.hi), restricted: Boolean(r.restricted) })),
  };
}

async function readAttribution(store: ReadOnlyStore): Promise<ReportData['attribution'][number][]> {
  if (!store.tables.has('attribution')) return [];
  return (await store.query('SELECT * FROM attribution')).map(rowOf);
}
