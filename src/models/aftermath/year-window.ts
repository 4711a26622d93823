/**
 * Per-year flows as statistics offices report them: the trailing 52-week sum of a cumulative
 * per-region counter, value(t) = cum(t) - cum(t - 52), with the counter as it stood at t0 for
 * the weeks before it (so the first year's figure is the flow since t0). Read at the first week
 * of a January it is (within a week) the previous calendar year's count.
 */
export const WEEKS_PER_YEAR = 52;
const SLOTS = WEEKS_PER_YEAR + 1;

export class TrailingYear {
  private readonly ring: Float64Array;

  constructor(
    private readonly sources: readonly Float64Array[],
    private readonly regions: number,
  ) {
    this.ring = new Float64Array(SLOTS * sources.length * regions);
  }

  /** Snapshot of every counter at `week`; call once per week, in order, from week 0. */
  record(week: number): void {
    const k = this.regions;
    const base = (week % SLOTS) * this.sources.length * k;
    for (let s = 0; s < this.sources.length; s++) this.ring.set(this.sources[s], base + s * k);
  }

  /** Flow of counter `s` in region `r` over the 52 weeks ending at `week`. */
  sum(s: number, r: number, week: number, origin = 0): number {
    const k = this.regions;
    const then = Math.max(origin, week - WEEKS_PER_YEAR);
    return this.sources[s][r] - this.ring[(then % SLOTS) * this.sources.length * k + s * k + r];
  }
}
