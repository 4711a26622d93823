import { MemorySink } from '../engine/recorder.js';
import { deriveSeed } from '../engine/random.js';
import { simulate } from '../engine/simulate.js';
import type { LoadedScenario } from '../scenario/load.js';
import { watchInterrupts } from './exit-request.js';
import { createProgress } from './progress.js';

export interface ReplicateOptions {
  readonly runs: number;
  /** Replicate r runs with deriveSeed(seed, 0, r). */
  readonly seed: number;
  readonly steps: number;
  readonly disable: readonly string[];
  /** The progress bar's label. */
  readonly label: string;
  readonly json?: boolean;
  /** Also record the model's per-group rows (regions), where it has them. */
  readonly groups?: boolean;
}

export interface ReplicateSeries {
  readonly national: MemorySink;
  readonly regions?: MemorySink;
}

/**
 * Replicates of one scenario in this process, recorded in memory, with one progress bar; Ctrl-C
 * stops the step loop, clears the bar and nothing is printed or written.
 */
export async function runReplicates(loaded: LoadedScenario, o: ReplicateOptions): Promise<ReplicateSeries[]> {
  const series: ReplicateSeries[] = [];
  const progress = createProgress({ label: o.label, total: o.runs * o.steps, json: o.json });
  const interrupts = watchInterrupts();
  try {
    for (let r = 0; r < o.runs; r++) {
      const model = loaded.model.create(loaded.scenario, deriveSeed(o.seed, 0, r), { disable: o.disable });
      const national = new MemorySink();
      const regions = o.groups && model.groupColumns ? new MemorySink() : undefined;
      const onStep = (step: number) => {
        progress.update(r * o.steps + step, { run: `${r + 1}/${o.runs}` });
        return interrupts.tick();
      };
      await simulate(model, { steps: o.steps, sink: national, groupSink: regions, onStep });
      series.push({ national, regions });
    }
  } finally {
    interrupts.dispose();
    progress.stop();
  }
  return series;
}
