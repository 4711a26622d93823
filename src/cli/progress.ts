import cliProgress from 'cli-progress';
import { onHardExit } from './exit-request.js';

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** Machine-readable output requested: never draw. */
  readonly json?: boolean;
  /** Only draw once the work has taken this long, so quick runs print nothing (ms). */
  readonly delayMs?: number;
  readonly stream?: NodeJS.WriteStream;
}

export interface Progress {
  /** `extra` is shown after the counts, e.g. `{active: 12}`. */
  update(done: number, extra?: Record<string, string | number>): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/**
 * A progress bar on stderr, drawn only for an interactive terminal, only without --json, and
 * only once the work has lasted `delayMs`, so pipes, logs and short runs stay clean.
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.json || !stream.isTTY) return SILENT;
  const delay = options.delayMs ?? 1000;
  const started = Date.now();
  let bar: cliProgress.SingleBar | undefined;
  // The bar hides the cursor: whatever ends the process must clear the bar and show it again.
  let unregister: (() => void) | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
    unregister?.();
    unregister = undefined;
  };
  return {
    update(done, extra) {
      const payload = { extra: extra ? Object.entries(extra).map(([k, v]) => `${k} ${v}`).join('  ') : '' };
      if (!bar) {
        if (Date.now() - started < delay) return;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${options.label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted} {extra}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(options.total, done, payload);
        unregister = onHardExit(stop);
        return;
      }
      bar.update(done, payload);
    },
    stop,
  };
}
