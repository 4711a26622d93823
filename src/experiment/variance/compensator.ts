/**
 * Conditional Monte Carlo for "a new event by step T". If a model reports, each step t, the
 * probability h_t that a new event starts in that step given the state before it, then the
 * compensator A_T = sum of h_t over the steps after `afterStep` up to the first new event (or T)
 * has the same expectation as the indicator 1{new event by T} (Doob-Meyer: the counting
 * process minus its compensator is a martingale), on the run's own path, with no change to the
 * dynamics. It is smoother than the 0/1 indicator: the runs without an event still say how
 * close they came, so fewer runs give the same precision.
 */
export class CompensatorAccumulator {
  private sum = 0;
  private baseline: number | null = null;
  private hit = false;

  constructor(private readonly afterStep: number, private readonly toStep: number) {}

  /** `hazard` is h_t; `events` the cumulative event count observed at step t. */
  push(step: number, hazard: number, events: number): void {
    if (step <= this.afterStep) {
      this.baseline = events;
      return;
    }
    if (this.hit || step > this.toStep) return;
    if (Number.isFinite(hazard)) this.sum += hazard;
    if (this.baseline !== null && events > this.baseline) this.hit = true;
  }

  result(): number | null {
    return this.baseline === null ? null : this.sum;
  }
}
