/** The speed slider's stops, in steps per second; the last is "as fast as the model goes". */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, Infinity] as const;

export function speedLabel(rate: number): string {
  return Number.isFinite(rate) ? `${rate} steps/s` : 'max';
}

/** Steps per second measured over the batches of the last second or so. */
export class RateMeter {
  private marks: { time: number; step: number }[] = [];

  mark(time: number, step: number): void {
    this.marks.push({ time, step });
    while (this.marks.length > 2 && time - this.marks[0].time > 1000) this.marks.shift();
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
