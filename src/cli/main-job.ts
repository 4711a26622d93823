import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ablationModel, GROUP_SEPARATOR } from '../experiment/ablation-model.js';
import { ablationModuleUrl, headlineSet, HEADLINE_STOCKS, runAttribution, writeAttribution, type AttributionRow } from '../experiment/attribution.js';
import type { LoadedExperiment } from '../experiment/load.js';
import { LocalExecutor } from '../experiment/local-executor.js';
import { runExperiment } from '../experiment/runner.js';
import { ExperimentSchema } from '../experiment/schema.js';
import { evaluateTargets, type RunSeries, type TargetResult, type TargetScenario, type TargetSpec } from '../experiment/targets.js';
import { rankMechanisms } from '../report/mechanism-ranking.js';
import { buildReport } from '../report/build.js';
import { writeScenarioTable, writeTargetResults } from '../report/main-job-tables.js';
import { canonicalJson } from '../scenario/canonical-json.js';
import { loadScenario } from '../scenario/load.js';
import { removeOnExit, tempPathFor } from '../store/atomic-write.js';
import { runHardExitCleanups, watchInterrupts } from './exit-request.js';
import { ExperimentStore } from '../store/experiment-store.js';
import { quoteIdent } from '../store/sql-types.js';
import { printError, printLine } from './output.js';
import { createProgress } from './progress.js';
import { printAligned, printTargetsTable } from './targets-table.js';

/** Replicates of the ensemble and of each ablation: sized so the whole job stays under two minutes on two cores. */
export const MAIN_REPLICATES = 16;
export const MAIN_SEED = 2022;
const OUT_DIR = 'powderkeg-out';
/** Indicators shown per region in the report's small multiples. */
const REGIONAL = ['affected', 'protest_minded', 'army_radical'];
const NATIONAL = ['detained', 'stopped_unrecorded', 'affected', 'outcasts', 'active', 'prisoners', 'sect_recruits', 'emigrants', 'explosions'];

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'powderkeg') return dir;
  }
  throw new Error('cannot find the powderkeg package (package.json) above the CLI');
}

export interface MainJobOptions {
  readonly outDir?: string;
  readonly replicates?: number;
  readonly workers?: number;
  /** Scenario file; the default Kazakhstan 2022 scenario by default. */
  readonly scenario?: string;
}

/** `powderkeg` with no arguments: ensemble, targets, attribution, store and report. */
export async function runMainJob(_program: Command, options: MainJobOptions = {}): Promise<number> {
  const started = Date.now();
  const outDir = resolve(options.outDir ?? OUT_DIR);
  const replicates = options.replicates ?? MAIN_REPLICATES;
  const workers = options.workers ?? availableParallelism();
  const scenarioFile = options.scenario ?? join(packageRoot(), 'scenarios', 'kazakhstan-2022.yaml');
  const loaded = loadScenario(scenarioFile);
  const model = loaded.model;
  const steps = model.defaultSteps(loaded.scenario);
  const flat = ablationModel.create(ablationModel.schema.parse(loaded.scenario), 0).columns;
  const names = flat.map((c) => c.name);
  const targets = (loaded.scenario as Partial<TargetScenario>).targets ?? [];
  const headline = headlineSet(names, steps);
  const series = seriesIndicators(names, targets);
  const x = mainExperiment(scenarioFile, loaded, flat, steps, replicates, headline.summaries, series);

  await mkdir(outDir, { recursive: true });
  const db = join(outDir, 'main.duckdb');
  const tmp = tempPathFor(db);
  await removeStore(tmp);
  // Ctrl-C: stop at once; the store being built (and any file being written) is removed on
  // exit, so the outputs of the last complete job stay as they were or are replaced whole.
  removeOnExit(tmp);
  const interrupts = watchInterrupts();
  interrupts.signal.addEventListener('abort', () => {
    runHardExitCleanups();
    printError('interrupted: nothing new written (the files of the last complete job, if any, are unchanged)');
    process.exit((interrupts.signal.reason as { exitCode?: number }).exitCode ?? 130);
  });
  const phase = (n: number, text: string) => printError(`[${n}/4] ${text} (at ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  try {
    phase(1, `ensemble: ${replicates} runs of ${loaded.file} (${steps} steps) on ${workers} workers`);
    let bar = createProgress({ label: 'ensemble   ', total: replicates, delayMs: 0 });
    await runExperiment(x, {
      db: tmp,
      executor: (job) => new LocalExecutor(job, { workers }),
      model: { id: 'ablation', module: ablationModuleUrl() },
      onProgress: (p) => bar.update(p.done),
    });
    bar.stop();

    phase(2, 'targets');
    const store = await ExperimentStore.open(tmp);
    let results: TargetResult[] = [];
    let attribution: AttributionRow[] = [];
    try {
      await store.setStatus('incomplete');
      await writeScenarioTable(store, loaded.file, loaded.scenario);
      if (targets.length > 0) {
        results = evaluateTargets(loaded.scenario as TargetScenario, await readRunSeries(store, targets));
        await writeTargetResults(store, results);
      }
      const mechanisms = model.mechanisms ?? [];
      phase(3, `attribution: ${mechanisms.length} mechanisms switched off in turn, ${replicates} paired runs each`);
      if (mechanisms.length > 0) {
        const baseline = await store.query(
          `SELECT replicate, ${headline.summaries.map((s) => quoteIdent(s.name)).join(', ')} FROM runs WHERE "row" = 0 AND status = 'ok' ORDER BY replicate`,
        );
        const byReplicate: Record<string, number | null>[] = [];
        for (const r of baseline) byReplicate[Number(r.replicate)] = r as Record<string, number | null>;
        bar = createProgress({ label: 'attribution', total: mechanisms.length * replicates, delayMs: 0 });
        attribution = await runAttribution({
          model,
          scenario: loaded.scenario,
          steps,
          seed: MAIN_SEED,
          replicates,
          baseline: byReplicate,
          executor: (job) => new LocalExecutor(job, { workers }),
          onProgress: (done) => bar.update(done),
        });
        bar.stop();
        await writeAttribution(store, attribution);
      }
      await store.setStatus('complete');
    } finally {
      store.close();
    }
    await removeStore(db);
    await rename(tmp, db);

    phase(4, 'report');
    const report = await buildReport(db, { out: join(outDir, 'report.html'), pngDir: join(outDir, 'charts') });
    printSummary(results, attribution, replicates);
    printLine(`store:  ${db}`);
    printLine(`report: ${report.out} (${report.charts} charts, PNGs in ${join(outDir, 'charts')})`);
    printLine(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return results.every((t) => t.pass) ? 0 : 1;
  } catch (err) {
    await removeStore(tmp);
    throw err;
  } finally {
    interrupts.dispose();
  }
}

/** National indicators the targets and the report need, plus the regional columns for both. */
function seriesIndicators(names: readonly string[], targets: readonly TargetSpec[]): string[] {
  const want = new Set<string>([...HEADLINE_STOCKS, ...NATIONAL]);
  const regional = new Set<string>(REGIONAL);
  for (const t of targets) {
    if (t.kind === 'value') want.add(t.indicator);
    else if (t.kind === 'ratio') want.add(t.numerator.indicator).add(t.denominator.indicator);
    else {
      want.add(t.indicator);
      regional.add(t.indicator);
    }
  }
  const out = names.filter((n) => want.has(n));
  for (const n of names) {
    const sep = n.lastIndexOf(GROUP_SEPARATOR);
    if (sep > 0 && regional.has(n.slice(0, sep))) out.push(n);
  }
  return out;
}

function mainExperiment(
  file: string,
  loaded: ReturnType<typeof loadScenario>,
  columns: readonly { name: string; type: 'int' | 'float' | 'string' }[],
  steps: number,
  replicates: number,
  summaries: readonly unknown[],
  indicators: readonly string[],
): LoadedExperiment {
  const experiment = ExperimentSchema.parse({
    kind: 'ensemble',
    name: 'main',
    description: 'the default scenario as an ensemble, its targets and the mechanism attribution',
    scenario: file,
    replicates,
    seed: MAIN_SEED,
    steps,
    outputs: { indicators, summaries },
  });
  const hash = createHash('sha256').update(canonicalJson({ experiment, scenario: loaded.hash, main: true })).digest('hex');
  return {
    file: '(main job)',
    name: 'main',
    experiment,
    scenario: loaded,
    steps,
    indicators: columns.map((c) => ({ name: c.name, type: c.type })),
    observed: null,
    outcome: null,
    hash,
  };
}

/** The stored series of the baseline, per replicate, as the target evaluation reads them. */
async function readRunSeries(store: ExperimentStore, targets: readonly TargetSpec[]): Promise<RunSeries[]> {
  const cols = (await store.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'series' ORDER BY ordinal_position`)).map((r) => String(r.column_name));
  const national = cols.filter((c) => !['run_id', 'row', 'replicate', 'step'].includes(c) && !c.includes(GROUP_SEPARATOR));
  const regionalIndicators = [...new Set(targets.flatMap((t) => (t.kind === 'largest_share' ? [t.indicator] : [])))];
  const regionalCols = cols.filter((c) => regionalIndicators.some((i) => c.startsWith(`${i}${GROUP_SEPARATOR}`)));
  const regions = [...new Set(regionalCols.map((c) => c.slice(c.lastIndexOf(GROUP_SEPARATOR) + GROUP_SEPARATOR.length)))];
  const rows = await store.query(`SELECT * FROM series WHERE "row" = 0 ORDER BY replicate, step`);
  const byRep = new Map<number, Record<string, unknown>[]>();
  for (const r of rows) {
    const k = Number(r.replicate);
    if (!byRep.has(k)) byRep.set(k, []);
    byRep.get(k)!.push(r);
  }
  return [...byRep.values()].map((list) => ({
    national: { columns: ['step', ...national], rows: list.map((r) => [Number(r.step), ...national.map((c) => Number(r[c]))]) },
    regions: {
      columns: ['step', 'region', ...regionalIndicators],
      rows: list.flatMap((r) => regions.map((g) => [Number(r.step), g, ...regionalIndicators.map((i) => Number(r[`${i}${GROUP_SEPARATOR}${g}`]))])),
    },
  }));
}

function printSummary(targets: readonly TargetResult[], attribution: readonly AttributionRow[], replicates: number): void {
  if (targets.length > 0) {
    printTargetsTable(targets, replicates);
    printLine();
  }
  if (attribution.length > 0) {
    const ranked = rankMechanisms(attribution).slice(0, 5);
    const rows = ranked.map((m) => {
      const top = attribution
        .filter((r) => r.mechanism === m.mechanism && r.relative !== null && (r.diffLow > 0 || r.diffHigh < 0))
        .sort((a, b) => Math.abs(b.relative!) - Math.abs(a.relative!))[0];
      const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)} %`;
      return [`${m.mechanism} ${m.name}`, pct(m.effect).replace('+', ''), top ? `${top.indicator} ${pct(top.relative!)}` : ''];
    });
    printAligned(['mechanism (switched off)', 'mean |change|', 'largest change'], rows);
    printLine();
  }
}

async function removeStore(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}
