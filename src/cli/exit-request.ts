import { Interrupted } from '../errors.js';

/**
 * Thrown by a command that has already printed what it needed and wants a particular exit
 * code (e.g. `validate --json` printing problems as JSON and exiting 2).
 */
export class ExitRequest extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'ExitRequest';
  }
}

/** How a command learns of Ctrl-C (SIGINT) or SIGTERM. */
export interface Interrupts {
  /** Aborted with an Interrupted reason at the first signal. */
  readonly signal: AbortSignal;
  /**
   * For synchronous loops (a simulation's steps): throws Interrupted once a signal came, and
   * every ~50 ms returns a promise that yields to the event loop, so that the signal is seen.
   */
  tick(): Promise<void> | undefined;
  /** Stops listening; the signals' default action (exit) applies again. */
  dispose(): void;
}

const YIELD_EVERY_MS = 50;
const cleanups = new Set<() => void>();

/**
 * Work that must be undone at once when the process is stopped, whichever command runs: the
 * progress bar is cleared and the cursor shown again. Returns the function that unregisters it.
 */
export function onHardExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function runHardExitCleanups(): void {
  for (const c of [...cleanups].reverse()) {
    try {
      c();
    } catch {
      // cleaning up on the way out: nothing left to report to
    }
  }
  cleanups.clear();
}

/**
 * Turns SIGINT and SIGTERM into an Interrupted thrown through the command, so its `finally`
 * blocks remove half-written files and close the store. A second signal exits at once (after
 * clearing the terminal), for work that does not stop quickly.
 */
export function watchInterrupts(): Interrupts {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    const reason = new Interrupted(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
    if (controller.signal.aborted) {
      runHardExitCleanups();
      process.exit(reason.exitCode);
    }
    controller.abort(reason);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let last = performance.now();
  const check = () => {
    if (controller.signal.aborted) throw controller.signal.reason;
  };
  return {
    signal: controller.signal,
    tick() {
      check();
      const now = performance.now();
      if (now - last < YIELD_EVERY_MS) return undefined;
      last = now;
      return new Promise<void>((resolve) => setImmediate(resolve)).then(check);
    },
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
