import { deriveSeed } from '../../engine/random.js';
import { buildStoreAtomic } from '../../store/atomic-write.js';
import { ExperimentStore } from '../../store/experiment-store.js';
import { ablationModel } from '../ablation-model.js';
import { attributionArms, BASELINE_PARAMS, sequentialPlan } from '../attribution-arms.js';
import { runSequentialAttribution, type SequentialResult, type Summaries } from '../attribution-sequential.js';
import { writeArmOutcomes } from '../attribution-tables.js';
import { ablationModuleUrl, headlineSet, writeAttribution, type AttributionRow } from '../attribution.js';
import type { JobSpec, RunTask } from '../executor.js';
import { loadExperiment, setOverrides } from '../load.js';
import { loadScenario } from '../../scenario/load.js';
import { LocalExecutor } from '../local-executor.js';
import { runExperiment } from '../runner.js';
import type { AttributionSettings } from '../schema.js';
import { evaluateTargets, type TargetResult, type TargetScenario } from '../targets.js';
import { runId } from '../tasks.js';
import { ATTRIBUTION_ARMS } from '../../store/tables.js';
import { runBacktestStage, type BacktestStageResult, type MainBacktest } from './backtest-stage.js';
import { ensembleExperiment, readRunSeries, seriesIndicators } from './ensemble-stage.js';
import { writeScenarioTable, writeTargetResults } from './tables.js';

/**
 * The main job as a pipeline of the experiment layer: an ensemble of the scenario, its targets,
 * then a sequential attribution whose baseline is that ensemble (same seeds), all in one store.
 * The faces (CLI, report) only draw progress and print; the settings of the attribution come
 * from an ordinary `kind: attribution` experiment file, so which mechanisms form a group or which
 * parameter is swept is data, not code.
 */

export type MainPhase = 'ensemble' | 'targets' | 'attribution' | 'backtest';

export interface MainPipelineOptions {
  /** The attribution experiment file whose settings and `set:` the main job uses. */
  readonly attributionFile: string;
  /** Scenario to run instead of the experiment file's (tests run a coarser copy). */
  readonly scenarioFile?: string;
  /** Final store path; the store is built beside it and renamed when complete. */
  readonly db: string;
  /** Ensemble replicates; they are also the attribution's first baseline replicates. */
  readonly replicates: number;
  readonly workers: number;
  /** Overrides of the file's attribution settings (e.g. fewer pairs in tests). */
  readonly attribution?: Partial<AttributionSettings>;
  /** An out-of-sample back-test of the scenario, and of others beside it, after the attribution. */
  readonly backtest?: MainBacktest;
  readonly onPhase?: (phase: MainPhase, text: string) => void;
  readonly onProgress?: (phase: MainPhase, done: number, total: number) => void;
}

export interface MainPipelineResult {
  readonly db: string;
  readonly scenarioFile: string;
  readonly steps: number;
  readonly seed: number;
  readonly replicates: number;
  readonly settings: AttributionSettings;
  readonly targets: readonly TargetResult[];
  /** Every arm's rows: mechanisms, groups and swept values. */
  readonly attribution: readonly AttributionRow[];
  readonly sequential: SequentialResult | null;
  readonly backtest: BacktestStageResult | null;
  readonly seconds: Readonly<Record<MainPhase, number>>;
}

export async function runMainPipeline(o: MainPipelineOptions): Promise<MainPipelineResult> {
  const x = loadExperiment(o.attributionFile, { scenario: o.scenarioFile });
  const settings: AttributionSettings = { ...x.experiment.attribution!, ...o.attribution };
  const seed = x.experiment.seed;
  const model = x.scenario.model;
  const steps = x.steps;
  const headline = headlineSet(model, x.indicators, steps, settings.estimator);
  const flat = ablationModel.columns(ablationModel.schema.parse(x.scenario.scenario));
  // Loaded up front: a bad scenario to compare stops the job before anything has run.
  const others = (o.backtest?.compare ?? []).map((f) => loadScenario(f, { set: setOverrides(x.experiment.set) }));
  const targetSpecs = (x.scenario.scenario as Partial<TargetScenario>).targets ?? [];
  const ensemble = ensembleExperiment(x.scenario, flat, steps, o.replicates, seed, headline.summaries, seriesIndicators(model, flat.map((c) => c.name), targetSpecs));
  const seconds: Record<MainPhase, number> = { ensemble: 0, targets: 0, attribution: 0, backtest: 0 };
  const clock = (phase: MainPhase, since: number) => (seconds[phase] = (Date.now() - since) / 1000);
  const module = { id: 'ablation', module: ablationModuleUrl() };
  // Built under a temporary name, removed on any failure or exit: no half-built store is left under any name.
  return buildStoreAtomic(o.db, async (tmp) => {
    let t = Date.now();
    o.onPhase?.('ensemble', `${o.replicates} runs of ${x.scenario.file} (${steps} steps) on ${o.workers} workers`);
    await runExperiment(ensemble, {
      db: tmp,
      executor: (job) => new LocalExecutor(job, { workers: o.workers }),
      model: module,
      onProgress: (p) => o.onProgress?.('ensemble', p.done, p.total),
    });
    clock('ensemble', t);

    t = Date.now();
    o.onPhase?.('targets', `${targetSpecs.length} targets of the scenario`);
    const store = await ExperimentStore.open(tmp);
    let targets: TargetResult[] = [];
    let sequential: SequentialResult | null = null;
    let backtest: BacktestStageResult | null = null;
    try {
      await store.setStatus('incomplete');
      await writeScenarioTable(store, x.scenario.file, x.scenario.scenario);
      if (targetSpecs.length > 0) {
        targets = evaluateTargets(x.scenario.scenario as TargetScenario, await readRunSeries(store, targetSpecs));
        await writeTargetResults(store, targets);
      }
      clock('targets', t);

      t = Date.now();
      const arms = attributionArms(model, settings);
      if (arms.length > 0 && headline.headlines.length > 0) {
        o.onPhase?.('attribution', `${arms.length} arms paired with the baseline, ${settings.min_pairs}-${settings.max_pairs} pairs each until ${describeTarget(settings)}`);
        const names = headline.summaries.map((s) => s.name);
        const base = await store.query(`SELECT replicate, ${names.map((n) => `"${n}"`).join(', ')} FROM runs WHERE "row" = 0 AND status = 'ok'`);
        const baseline: Summaries[] = [];
        for (const r of base) baseline[Number(r.replicate)] = Object.fromEntries(names.map((n) => [n, r[n] === null ? null : Number(r[n])]));
        const job: JobSpec = { model: module, scenario: x.scenario.scenario, factorPaths: {}, steps, summaries: headline.summaries, series: null, every: 1 };
        const executor = new LocalExecutor(job, { workers: o.workers });
        let done = 0;
        let asked = 0;
        try {
          sequential = await runSequentialAttribution({
            arms,
            headlines: headline.headlines,
            plan: sequentialPlan(settings),
            seed,
            resamples: settings.resamples,
            baseline,
            onRound: (_round, _active, n) => (asked += n),
            source: {
              async run(requests) {
                const paramsOf = (arm: number) => (arm < 0 ? BASELINE_PARAMS : arms[arm].params);
                const tasks: RunTask[] = requests.flatMap((q) =>
                  q.replicates.map((r) => ({ runId: runId(q.arm + 1, r, paramsOf(q.arm)), row: q.arm + 1, replicate: r, seed: deriveSeed(seed, 0, r), params: paramsOf(q.arm) })),
                );
                const out = new Map<string, Summaries>();
                await executor.runBatch(tasks, (res) => {
                  if (res.status === 'ok') out.set(`${res.row - 1}:${res.replicate}`, Object.fromEntries(names.map((n, i) => [n, res.summaries[i] ?? null])));
                  o.onProgress?.('attribution', ++done, asked);
                });
                return out;
              },
            },
          });
        } finally {
          await executor.close();
        }
        await writeAttribution(store, sequential.rows.filter((r) => r.armKind === 'mechanism'));
        await writeAttribution(store, sequential.rows.filter((r) => r.armKind !== 'mechanism'), ATTRIBUTION_ARMS);
        await writeArmOutcomes(store, sequential, settings);
      }
      clock('attribution', t);

      if (o.backtest) {
        t = Date.now();
        const b = o.backtest;
        o.onPhase?.('backtest', `${1 + others.length} scenario(s) x ${b.replicates} replicates scored on ${b.figures.length} observed figures of ${b.observedFile}`);
        backtest = await runBacktestStage(store, [x.scenario, ...others], b, seed, o.workers, (done, total) => o.onProgress?.('backtest', done, total));
        clock('backtest', t);
      }
      await store.setStatus('complete');
    } finally {
      store.close();
    }
    return { db: o.db, scenarioFile: x.scenario.file, steps, seed, replicates: o.replicates, settings, targets, attribution: sequential?.rows ?? [], sequential, backtest, seconds };
  });
}

export function describeTarget(a: Pick<AttributionSettings, 'criterion' | 'event_precision' | 'stock_precision'>): string {
  const what = a.criterion === 'mde' ? 'the minimal detectable effect (80 % power)' : 'the 95 % half-width';
  const parts = [
    a.event_precision !== null ? `${a.event_precision} on P(new event by the horizon)` : '',
    a.stock_precision !== null ? `${Math.round(a.stock_precision * 100)} % of the baseline on the stocks` : '',
  ].filter(Boolean);
  return parts.length ? `${what} is at most ${parts.join(' and ')}` : 'the first batch';
}
