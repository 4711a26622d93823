/**
 * How many steps a running simulation owes at a given moment for a rate in steps per second
 * (Infinity: as fast as possible). Unspent credit is capped so that a slow stretch is not
 * followed by a burst.
 */
export class StepPacer {
  private rate = Infinity;
  private credit = 0;
  private last = 0;

  get unlimited(): boolean {
    return !Number.isFinite(this.rate);
  }

  start(rate: number, now: number): void {
    this.rate = rate > 0 ? rate : Infinity;
    this.last = now;
    // The first step comes at once when going, not one period later.
    this.credit = Math.max(this.credit, 1);
  }

  due(now: number): number {
    if (this.unlimited) return Number.MAX_SAFE_INTEGER;
    // At least two steps of room, or the fractions a slow rate accrues would be cut off.
    this.credit = Math.min(this.credit + ((now - this.last) * this.rate) / 1000, Math.max(2, this.rate / 10));
    this.last = now;
    return Math.floor(this.credit);
  }

  spent(steps: number): void {
    if (!this.unlimited) this.credit = Math.max(0, this.credit - steps);
  }
}
