const gc = (globalThis as { gc?: () => void }).gc;

/** Whether the process runs with --expose-gc, without which live memory cannot be measured. */
export const canCollect = gc !== undefined;

/** V8 heap plus ArrayBuffers (typed arrays) after two full collections, in bytes. */
export function liveBytes(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
