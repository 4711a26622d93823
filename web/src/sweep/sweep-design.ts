import { deriveSeed } from '../../../src/engine/random.js';
import { designRows, type ParameterRow } from '../../../src/experiment/design-rows.js';
import type { JobSpec, RunTask } from '../../../src/experiment/executor.js';
import { ExperimentSchema, factorColumnName, type Experiment, type Summary } from '../../../src/experiment/schema.js';
import { canonicalJson } from '../../../src/scenario/canonical-json.js';
import type { RunsLayout } from './runs-csv.js';

/** One factor of a browser sweep: a numeric scenario field over a range, at evenly spaced levels. */
export interface SweepFactor {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  readonly levels: number;
  readonly integer: boolean;
}

export interface SweepSettings {
  /** The scenario file the experiment names, relative to where its YAML is saved. */
  readonly scenarioFile: string;
  /** Edits of the scenario against that file, as dotted path: value. */
  readonly set: Readonly<Record<string, unknown>>;
  readonly factors: readonly SweepFactor[];
  readonly replicates: number;
  readonly seed: number;
  readonly steps: number;
  readonly summary: Summary;
}

/**
 * The experiment a browser sweep is: a factorial sweep, validated by the experiment layer's own
 * schema, so the file saved from it runs the same sweep with `powderkeg experiment`.
 */
export function sweepExperiment(s: SweepSettings, name = 'workbench_sweep'): Experiment {
  return ExperimentSchema.parse({
    kind: 'sweep',
    name,
    description: 'A sweep made in the powderkeg workbench',
    scenario: s.scenarioFile,
    ...(Object.keys(s.set).length > 0 ? { set: s.set } : {}),
    factors: s.factors.map((f) => ({ path: f.path, range: [f.min, f.max], levels: f.levels, ...(f.integer ? { integer: true } : {}) })),
    design: { type: 'factorial' },
    replicates: s.replicates,
    seed: s.seed,
    steps: s.steps,
    outputs: { summaries: [s.summary] },
  });
}

/** The run id of the experiment layer (src/experiment/tasks.ts): row, replicate, a hash of the parameters. */
async function runId(row: number, replicate: number, params: ParameterRow): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(params));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${row}-${replicate}-${hex.slice(0, 12)}`;
}

/** Every run of the sweep, seeded as the CLI seeds it: deriveSeed(experiment seed, row, replicate). */
export async function sweepTasks(e: Experiment): Promise<{ rows: ParameterRow[]; tasks: RunTask[] }> {
  const rows = designRows(e);
  const tasks: RunTask[] = [];
  for (let row = 0; row < rows.length; row++) {
    for (let replicate = 0; replicate < e.replicates; replicate++) {
      tasks.push({ runId: await runId(row, replicate, rows[row]), row, replicate, seed: deriveSeed(e.seed, row, replicate), params: rows[row] });
    }
  }
  return { rows, tasks };
}

/** What every run shares, as the CLI's jobSpec builds it for a sweep (no per-step series). */
export function sweepJob(e: Experiment, modelId: string, scenario: unknown): JobSpec {
  return {
    model: { id: modelId },
    scenario,
    factorPaths: Object.fromEntries(e.factors.map((f) => [factorColumnName(f), f.path])),
    steps: e.steps!,
    summaries: e.outputs.summaries,
    series: null,
    every: e.every,
  };
}

export function sweepLayout(e: Experiment): RunsLayout {
  return {
    factors: e.factors.map((f) => ({ name: factorColumnName(f), type: f.integer ? ('BIGINT' as const) : ('DOUBLE' as const) })),
    summaries: e.outputs.summaries.map((s) => s.name),
  };
}
