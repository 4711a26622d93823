/**
 * Epstein's (2002) outburst statistics. An outburst is a maximal run of consecutive iterations
 * with more than `threshold` active citizens; its total activation is the sum of the active
 * counts over the run, its peak the largest count. The waiting time between two outbursts is
 * the number of iterations from the end of one to the start of the next: the quiet iterations
 * between them (an outburst ending at t = 10 and the next starting at t = 15 wait 4).
 */
export interface OutburstStats {
  count: number;
  waits: number[];
  activations: number[];
  peaks: number[];
  /** Iteration (index into the series) at which each outburst starts. */
  starts: number[];
  waitMean: number;
  waitSd: number;
  activationMean: number;
  activationSd: number;
  peakMean: number;
}

export interface OutburstOptions {
  /**
   * Leave out outbursts cut by either end of the series (running at the first or the last
   * iteration), whose activation and duration are unknown. Default true. Waits are only
   * counted between outbursts that are kept.
   */
  dropTruncated?: boolean;
}

export function outburstStats(active: ArrayLike<number>, threshold = 50, options: OutburstOptions = {}): OutburstStats {
  const dropTruncated = options.dropTruncated ?? true;
  const n = active.length;
  const starts: number[] = [];
  const ends: number[] = [];
  const activations: number[] = [];
  const peaks: number[] = [];
  let t = 0;
  while (t < n) {
    if (!(active[t] > threshold)) {
      t++;
      continue;
    }
    const start = t;
    let sum = 0;
    let peak = 0;
    while (t < n && active[t] > threshold) {
      sum += active[t];
      if (active[t] > peak) peak = active[t];
      t++;
    }
    const end = t - 1;
    if (dropTruncated && (start === 0 || end === n - 1)) continue;
    starts.push(start);
    ends.push(end);
    activations.push(sum);
    peaks.push(peak);
  }
  const waits: number[] = [];
  for (let i = 1; i < starts.length; i++) waits.push(starts[i] - ends[i - 1] - 1);
  return {
    count: starts.length,
    waits,
    activations,
    peaks,
    starts,
    waitMean: mean(waits),
    waitSd: sd(waits),
    activationMean: mean(activations),
    activationSd: sd(activations),
    peakMean: mean(peaks),
  };
}

function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n - 1); NaN below two values. */
function sd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}
