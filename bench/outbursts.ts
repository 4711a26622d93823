/**
 * The paper's outburst statistics, computed the same way as bench/reference/epstein.c does:
 * an outburst is a maximal run of steps with more than 50 actives, its activation the sum of
 * the active counts, the wait the steps from one outburst's end to the next one's start. An
 * outburst still going at the end is left out.
 */
export const OUTBURST_LEVEL = 50;

export class OutburstCounter {
  private count = 0;
  private waits = 0;
  private sumWait = 0;
  private sumActivation = 0;
  private current = 0;
  private inBurst = false;
  private lastEnd = -1;

  /** `t` counts steps from 0; `active` is the count after that step. */
  add(t: number, active: number): void {
    if (active > OUTBURST_LEVEL) {
      if (!this.inBurst) {
        this.inBurst = true;
        this.current = 0;
        if (this.lastEnd >= 0) {
          this.sumWait += t - this.lastEnd;
          this.waits++;
        }
      }
      this.current += active;
    } else if (this.inBurst) {
      this.inBurst = false;
      this.count++;
      this.sumActivation += this.current;
      this.lastEnd = t;
    }
  }

  result(): { count: number; meanWait: number; meanActivation: number } {
    return {
      count: this.count,
      meanWait: this.waits ? this.sumWait / this.waits : 0,
      meanActivation: this.count ? this.sumActivation / this.count : 0,
    };
  }
}
