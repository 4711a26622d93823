/**
 * A performance measure of one piece of a frame (read by bench/web-frame.ts through a
 * PerformanceObserver). Only the latest of each name stays in the timeline, so a long session
 * does not pile them up.
 */
export function measure(name: string, start: number): void {
  performance.clearMeasures(name);
  performance.measure(name, { start });
}
