import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveSeed } from '../engine/random.js';
import { loadScenario } from '../scenario/load.js';
import type { JobSpec, RunTask } from './executor.js';
import { LocalExecutor } from './local-executor.js';

export interface ThroughputOptions {
  readonly workers: number;
  readonly runs: number;
  /** Scenario file (default: Epstein's Run 2) and steps per run (default 500). */
  readonly scenario?: string;
  readonly steps?: number;
}

export interface Throughput {
  readonly workers: number;
  readonly runs: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
}

/** Run 2's scenario, seen from the sources (src/experiment) or from the build (dist/src/experiment). */
function run2(): string {
  const candidates = ['../../scenarios/epstein/run2.yaml', '../../../scenarios/epstein/run2.yaml'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/**
 * Runs per second of the local executor, for benchmarks (target: 2 workers >= 1.8 x 1 worker).
 * Every worker is warmed up with one run first, so thread start and JIT are not timed.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<Throughput> {
  const loaded = loadScenario(options.scenario ?? run2());
  const job: JobSpec = {
    model: { id: loaded.model.id },
    scenario: loaded.scenario,
    factorPaths: {},
    steps: options.steps ?? 500,
    summaries: [],
    series: null,
    every: 1,
  };
  const tasks = (n: number, first: number): RunTask[] =>
    Array.from({ length: n }, (_, i) => ({ runId: `t${first + i}`, row: first + i, replicate: 0, seed: deriveSeed(1, first + i, 0), params: {} }));
  const executor = new LocalExecutor(job, { workers: options.workers });
  try {
    const check = (r: { status: string; error: string | null }) => {
      if (r.status !== 'ok') throw new Error(`a run failed: ${r.error}`);
    };
    await executor.runBatch(tasks(options.workers, 0), check);
    const started = performance.now();
    await executor.runBatch(tasks(options.runs, options.workers), check);
    const seconds = (performance.now() - started) / 1000;
    return { workers: options.workers, runs: options.runs, seconds, runsPerSecond: options.runs / seconds };
  } finally {
    await executor.close();
  }
}
