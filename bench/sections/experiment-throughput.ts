import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { deriveSeed } from '../../src/engine/random.js';
import type { JobSpec, RunTask } from '../../src/experiment/executor.js';
import { LocalExecutor, workerFile } from '../../src/experiment/local-executor.js';
import { getModel } from '../../src/models/registry.js';
import type { BenchContext, Section } from '../section.js';
import { median } from '../stats.js';
import { unavailable, type Table, type Value } from '../table.js';

const TITLE = 'Experiment throughput: Epstein Run 2 (40x40) runs on 1 and 2 worker threads';
const MODEL_ID = 'civil-violence';
/** The stated goal: two workers give at least 1.8 times the runs per second of one. */
const TARGET_SPEEDUP = 1.8;

function tasks(count: number, first: number): RunTask[] {
  return Array.from({ length: count }, (_, i) => {
    const row = first + i;
    return { runId: `bench-${row}`, row, replicate: 0, seed: deriveSeed(1, row, 0), params: {} };
  });
}

/** Runs per second on a pool of `workers`, after one warm-up run per worker (thread start, JIT). */
async function runsPerSecond(job: JobSpec, workers: number, count: number): Promise<number> {
  const executor = new LocalExecutor(job, { workers });
  try {
    const check = (r: { status: string; error: string | null }) => {
      if (r.status !== 'ok') throw new Error(`a benchmark run failed: ${r.error}`);
    };
    await executor.runBatch(tasks(workers, 0), check);
    const started = performance.now();
    await executor.runBatch(tasks(count, workers), check);
    return count / ((performance.now() - started) / 1000);
  } finally {
    await executor.close();
  }
}

export const experimentThroughputSection: Section = {
  name: 'experiment-throughput',
  async run(ctx: BenchContext): Promise<Table> {
    if (!getModel(MODEL_ID)) return unavailable(TITLE, `model "${MODEL_ID}" is not in src/models/registry.ts yet`);
    try {
      workerFile();
    } catch (err) {
      return unavailable(TITLE, (err as Error).message);
    }
    const document = parseYaml(readFileSync(join(ctx.root, 'scenarios', 'epstein', 'run2.yaml'), 'utf8')) as unknown;
    const steps = ctx.quick ? 50 : 1000;
    const count = ctx.quick ? 4 : 24;
    const job: JobSpec = { model: { id: MODEL_ID }, scenario: document, factorPaths: {}, steps, summaries: [], series: null, every: 1 };
    const load = loadavg()[0];
    const speeds: Record<1 | 2, number[]> = { 1: [], 2: [] };
    for (let round = 0; round < ctx.rounds; round++) {
      for (const workers of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
        ctx.log(`experiment throughput: ${workers} worker(s), round ${round + 1}/${ctx.rounds}`);
        speeds[workers].push(await runsPerSecond(job, workers, count));
      }
    }
    const one = median(speeds[1]);
    const two = median(speeds[2]);
    const row = (workers: number, rate: number): Record<string, Value> => ({ workers, runs: count, steps, runsPerSecond: rate, speedup: rate / one });
    return {
      title: TITLE,
      columns: [
        { key: 'workers', label: 'workers' },
        { key: 'runs', label: 'runs' },
        { key: 'steps', label: 'steps/run' },
        { key: 'runsPerSecond', label: 'runs/s', format: (v) => (typeof v === 'number' ? v.toFixed(2) : String(v)) },
        { key: 'speedup', label: 'speed-up', format: (v) => (typeof v === 'number' ? `${v.toFixed(2)}x` : String(v)) },
      ],
      rows: [row(1, one), row(2, two)],
      checks: [{ name: '2 workers vs 1', target: `>= ${TARGET_SPEEDUP}x`, measured: `${(two / one).toFixed(2)}x`, pass: two / one >= TARGET_SPEEDUP }],
      notes: [
        `median of ${ctx.rounds} interleaved rounds; each pool warmed by one run per worker first; no summaries or series kept`,
        `load average ${load.toFixed(2)} on ${availableParallelism()} cores when the section started: other busy processes cap the speed-up`,
      ],
    };
  },
};
