import type { Cell, Column } from '../engine/model.js';
import type { RowSink } from '../engine/recorder.js';
import { simulate } from '../engine/simulate.js';
import type { ModelDefinition } from '../models/types.js';
import type { JobSpec, RunResult, RunTask, SeriesBlock } from './executor.js';
import { applyParameters } from './parameters.js';
import { createAccumulator, type SummaryAccumulator } from './summaries.js';

/** Runs one task to a result; used by both executors, so a run is the same on any thread. */
export async function executeRun(job: JobSpec, model: ModelDefinition, task: RunTask): Promise<RunResult> {
  const started = performance.now();
  const base = { runId: task.runId, row: task.row, replicate: task.replicate, seed: task.seed, params: task.params };
  try {
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(task.params)) values[job.factorPaths[name] ?? name] = value;
    const scenario = model.schema.parse(applyParameters(job.scenario, values));
    const sim = model.create(scenario, task.seed);
    const sink = new SummarySink(job, sim.columns);
    const outcome = await simulate(sim, { steps: job.steps, sink });
    return {
      ...base,
      status: 'ok',
      error: null,
      summaries: sink.accumulators.map((a) => a.result(outcome.steps)),
      steps: outcome.steps,
      elapsedMs: performance.now() - started,
      series: sink.series(),
    };
  } catch (err) {
    return {
      ...base,
      status: 'failed',
      error: describeError(err),
      summaries: job.summaries.map(() => null),
      steps: 0,
      elapsedMs: performance.now() - started,
      series: null,
    };
  }
}

function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/** Feeds every step to the summaries and keeps the (thinned) series if the job asks for it. */
class SummarySink implements RowSink {
  readonly accumulators: SummaryAccumulator[];
  private readonly seriesColumns: number[];
  private readonly every: number;
  private steps: Int32Array;
  private values: Float64Array[];
  private length = 0;
  private lastRow: Cell[] | null = null;
  private lastKept = -1;

  constructor(private readonly job: JobSpec, private readonly columns: readonly Column[]) {
    const index = (name: string) => {
      const i = columns.findIndex((c) => c.name === name);
      if (i < 0) throw new Error(`the model has no indicator "${name}"; it has ${columns.map((c) => c.name).join(', ')}`);
      return i;
    };
    this.accumulators = job.summaries.map((s) => createAccumulator(s, index(s.indicator), index));
    this.seriesColumns = job.series ? job.series.map(index) : [];
    this.every = job.every;
    const capacity = job.series ? Math.floor(job.steps / job.every) + 2 : 0;
    this.steps = new Int32Array(capacity);
    this.values = this.seriesColumns.map(() => new Float64Array(capacity));
  }

  open(): void {}

  write(row: readonly Cell[]): void {
    const step = row[0] as number;
    for (const a of this.accumulators) a.push(step, row[a.column + 1] as number, row);
    if (!this.job.series) return;
    if (step % this.every === 0) this.keep(row);
    else this.lastRow = row.slice();
  }

  close(): void {
    // The last step belongs in the series even when it is not a multiple of `every`.
    if (this.lastRow && (this.lastRow[0] as number) > this.lastKept) this.keep(this.lastRow);
  }

  private keep(row: readonly Cell[]): void {
    if (this.length === this.steps.length) this.grow();
    this.steps[this.length] = row[0] as number;
    this.seriesColumns.forEach((c, j) => (this.values[j][this.length] = Number(row[c + 1])));
    this.lastKept = row[0] as number;
    this.length++;
  }

  private grow(): void {
    const size = Math.max(16, this.steps.length * 2);
    const steps = new Int32Array(size);
    steps.set(this.steps);
    this.steps = steps;
    this.values = this.values.map((v) => {
      const w = new Float64Array(size);
      w.set(v);
      return w;
    });
  }

  series(): SeriesBlock | null {
    if (!this.job.series) return null;
    const n = this.length;
    const values = new Float64Array(n * this.seriesColumns.length);
    this.values.forEach((v, j) => values.set(v.subarray(0, n), j * n));
    return {
      columns: this.job.series,
      types: this.seriesColumns.map((c) => this.columns[c].type),
      steps: this.steps.slice(0, n),
      values,
    };
  }
}
