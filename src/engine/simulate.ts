import type { SteppableModel } from './model.js';
import { Recorder, type RowSink } from './recorder.js';

export interface SimulateOptions {
  /** Maximum number of steps. */
  steps: number;
  /** Stop early when this returns true (checked after every step). */
  stopWhen?: (model: SteppableModel) => boolean;
  /** Per-step series sink and optional grouped (per-region) sink. */
  sink?: RowSink;
  groupSink?: RowSink;
  /** Record every n steps (the last step is always recorded). */
  every?: number;
  /**
   * Called after each step, e.g. for a progress bar; keep it cheap. A promise it returns is
   * awaited: that lets a caller yield to the event loop now and then (so Ctrl-C is seen) and
   * stop the run by rejecting.
   */
  onStep?: (step: number, total: number) => void | Promise<void>;
}

export interface SimulateResult {
  steps: number;
  stoppedEarly: boolean;
}

/**
 * The step loop. Records step 0, then steps until the limit, an absorbing state or the stop
 * condition. On failure the sinks are aborted so no half-written output remains.
 */
export async function simulate(model: SteppableModel, opts: SimulateOptions): Promise<SimulateResult> {
  const every = Math.max(1, Math.floor(opts.every ?? 1));
  const recorder = new Recorder(model, opts.sink, opts.groupSink, every);
  let stoppedEarly = false;
  try {
    await recorder.open();
    await recorder.record(true);
    while (model.stepCount < opts.steps) {
      model.step();
      const last = model.stepCount >= opts.steps;
      const stop = (model.finished?.() ?? false) || (opts.stopWhen?.(model) ?? false);
      await recorder.record(last || stop);
      const pause = opts.onStep?.(model.stepCount, opts.steps);
      if (pause) await pause;
      if (stop && !last) {
        stoppedEarly = true;
        break;
      }
    }
    await recorder.close();
  } catch (err) {
    await recorder.abort();
    throw err;
  }
  return { steps: model.stepCount, stoppedEarly };
}
