import type { RunResult, RunTask } from './executor.js';

/**
 * Runs tasks with at most `window` in flight and hands results on one at a time, in arrival
 * order, each after the previous one is stored: memory stays flat however many tasks there are.
 * The first error (of a run or of `onResult`) stops launching and is rethrown; with
 * `waitForStragglers` the runs still out are awaited first (a local pool must drain before it
 * closes; a remote queue need not).
 */
export async function runWindowed(
  tasks: Iterable<RunTask>,
  window: number,
  run: (task: RunTask) => Promise<RunResult>,
  onResult: (result: RunResult) => void | Promise<void>,
  { waitForStragglers = true }: { waitForStragglers?: boolean } = {},
): Promise<void> {
  const iterator = tasks[Symbol.iterator]();
  let failure: unknown;
  let delivered: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  const launch = (): boolean => {
    const next = iterator.next();
    if (next.done) return false;
    const p: Promise<void> = run(next.value)
      .then((result) => {
        delivered = delivered.then(() => onResult(result));
        return delivered;
      })
      .catch((err) => {
        failure ??= err;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return true;
  };
  while (failure === undefined) {
    while (inFlight.size < window && launch());
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  if (waitForStragglers) {
    await Promise.allSettled(inFlight);
    await delivered.catch(() => undefined);
  } else if (failure === undefined) await delivered;
  if (failure !== undefined) throw failure;
}
