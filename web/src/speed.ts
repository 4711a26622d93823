/** The speed slider's stops, in steps per second; the last is "as fast as the model goes". */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, Infinity] as const;

export function speedLabel(rate: number): string {
  return Number.isFinite(rate) ? `${rate} steps/s` : 'max';
}

/** A whole run should last long enough to watch: about this many seconds at the default speed. */
const WATCHABLE_SECONDS = 15;

/** The stop whose rate takes a run of `steps` at least WATCHABLE_SECONDS (the slowest stop for tiny runs). */
export function defaultSpeedIndex(steps: number): number {
  let best = 0;
  for (let i = 0; i < SPEEDS.length - 1; i++) if (steps / SPEEDS[i] >= WATCHABLE_SECONDS) best = i;
  return best;
}

/**
 * Steps per second over a sliding window of real time, read from the clock of the thread that
 * steps the model (the page may receive batches late or in bursts while it draws).
 */
export class RateMeter {
  private marks: { time: number; step: number }[] = [];

  constructor(private readonly windowMs = 2000) {}

  mark(time: number, step: number): void {
    const last = this.marks[this.marks.length - 1];
    if (last && step <= last.step) {
      // A pause and go: measure from the restart, not across the idle time.
      if (step < last.step || time - last.time > this.windowMs) this.marks = [];
    }
    this.marks.push({ time, step });
    // Keep one mark at or before the window's start, so the window is always covered.
    while (this.marks.length > 2 && time - this.marks[1].time >= this.windowMs) this.marks.shift();
  }

  reset(): void {
    this.marks = [];
  }

  perSecond(): number | undefined {
    if (this.marks.length < 2) return undefined;
    const a = this.marks[0];
    const b = this.marks[this.marks.length - 1];
    return b.time > a.time ? ((b.step - a.step) * 1000) / (b.time - a.time) : undefined;
  }
}
