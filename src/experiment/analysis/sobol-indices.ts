import type { Rng } from '../../engine/random.js';
import type { SaltelliDesign } from './saltelli.js';
import { quantileSorted, sd } from './stats.js';

/**
 * First-order (Saltelli et al. 2010, eq. b) and total (Jansen 1999) Sobol indices from a Saltelli
 * design, with percentile bootstrap intervals (resampling base samples, i.e. whole row groups) and
 * a convergence report.
 */
export interface IndexEstimate {
  readonly estimate: number;
  /** Percentile bootstrap interval. */
  readonly lo: number;
  readonly hi: number;
  /** Bootstrap standard error. */
  readonly se: number;
}

export type SobolWarningCode =
  | 'small-sample'
  | 'not-power-of-two'
  | 'zero-variance'
  | 'negative-index'
  | 'first-exceeds-total'
  | 'sum-exceeds-one'
  | 'wide-interval';

export interface SobolWarning {
  readonly code: SobolWarningCode;
  /** Factor index, when the warning concerns one factor. */
  readonly factor?: number;
  readonly message: string;
}

export interface SobolConvergenceStep {
  readonly baseSamples: number;
  readonly first: number[];
  readonly total: number[];
}

export interface SobolIndices {
  readonly names: readonly string[];
  readonly baseSamples: number;
  /** Output variance (of the A and B rows together). */
  readonly variance: number;
  readonly first: IndexEstimate[];
  readonly total: IndexEstimate[];
  readonly sumFirst: IndexEstimate;
  /** Point estimates from the first N/4, N/2 and all N base samples. */
  readonly convergence: SobolConvergenceStep[];
  readonly warnings: SobolWarning[];
}

export interface SobolAnalyzeOptions {
  /** Bootstrap resampling draws come from here (determinism). */
  readonly rng: Rng;
  readonly names?: readonly string[];
  /** Bootstrap resamples; default 500. */
  readonly bootstrap?: number;
  /** Default 0.95. */
  readonly confidence?: number;
  /** Warn when an interval is wider than this; default 0.1. */
  readonly maxIntervalWidth?: number;
  /** Warn below this many base samples; default 512. */
  readonly minBaseSamples?: number;
}

interface Point {
  first: number[];
  total: number[];
  variance: number;
}

/** Point estimates over the base samples listed in `rows` (indices into 0..N-1). */
function estimate(y: ArrayLike<number>, d: number, rows: ArrayLike<number>): Point {
  const n = rows.length;
  const stride = d + 2;
  let s = 0;
  let s2 = 0;
  for (let r = 0; r < n; r++) {
    const base = rows[r] * stride;
    const fa = y[base];
    const fb = y[base + d + 1];
    s += fa + fb;
    s2 += fa * fa + fb * fb;
  }
  const m = s / (2 * n);
  const variance = s2 / (2 * n) - m * m;
  const first = new Array<number>(d).fill(0);
  const total = new Array<number>(d).fill(0);
  for (let r = 0; r < n; r++) {
    const base = rows[r] * stride;
    const fa = y[base];
    const fb = y[base + d + 1];
    for (let i = 0; i < d; i++) {
      const fab = y[base + 1 + i];
      first[i] += fb * (fab - fa);
      total[i] += (fa - fab) * (fa - fab);
    }
  }
  for (let i = 0; i < d; i++) {
    first[i] = first[i] / n / variance;
    total[i] = (0.5 * total[i]) / n / variance;
  }
  return { first, total, variance };
}

function prefix(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

export function sobolAnalyze(design: SaltelliDesign, outputs: ArrayLike<number>, options: SobolAnalyzeOptions): SobolIndices {
  const { baseSamples: n, dimension: d } = design;
  if (outputs.length !== n * (d + 2)) throw new RangeError(`sobolAnalyze: ${outputs.length} outputs for ${n * (d + 2)} design points`);
  for (let i = 0; i < outputs.length; i++) {
    if (!Number.isFinite(outputs[i])) throw new RangeError(`sobolAnalyze: output ${i} is not finite (${outputs[i]})`);
  }
  const names = options.names ?? Array.from({ length: d }, (_, i) => `x${i + 1}`);
  const boot = options.bootstrap ?? 500;
  const conf = options.confidence ?? 0.95;
  const point = estimate(outputs, d, prefix(n));

  const bootFirst = Array.from({ length: d }, () => new Float64Array(boot));
  const bootTotal = Array.from({ length: d }, () => new Float64Array(boot));
  const bootSum = new Float64Array(boot);
  const rows = new Int32Array(n);
  for (let b = 0; b < boot; b++) {
    for (let r = 0; r < n; r++) rows[r] = options.rng.int(n);
    const e = estimate(outputs, d, rows);
    let sum = 0;
    for (let i = 0; i < d; i++) {
      bootFirst[i][b] = e.first[i];
      bootTotal[i][b] = e.total[i];
      sum += e.first[i];
    }
    bootSum[b] = sum;
  }
  const summarise = (value: number, draws: Float64Array): IndexEstimate => {
    const finite = draws.filter(Number.isFinite).sort();
    return {
      estimate: value,
      lo: quantileSorted(finite, (1 - conf) / 2),
      hi: quantileSorted(finite, (1 + conf) / 2),
      se: finite.length > 1 ? sd(finite) : NaN,
    };
  };
  const first = point.first.map((v, i) => summarise(v, bootFirst[i]));
  const total = point.total.map((v, i) => summarise(v, bootTotal[i]));
  const sumFirst = summarise(
    point.first.reduce((a, v) => a + v, 0),
    bootSum,
  );

  const convergence: SobolConvergenceStep[] = [];
  for (const m of [Math.floor(n / 4), Math.floor(n / 2)]) {
    if (m >= 2) {
      const e = estimate(outputs, d, prefix(m));
      convergence.push({ baseSamples: m, first: e.first, total: e.total });
    }
  }
  convergence.push({ baseSamples: n, first: point.first, total: point.total });

  const warnings = diagnose({ n, names, first, total, sumFirst, variance: point.variance, conf }, options);
  return { names, baseSamples: n, variance: point.variance, first, total, sumFirst, convergence, warnings };
}

function diagnose(
  r: { n: number; names: readonly string[]; first: IndexEstimate[]; total: IndexEstimate[]; sumFirst: IndexEstimate; variance: number; conf: number },
  options: SobolAnalyzeOptions,
): SobolWarning[] {
  const out: SobolWarning[] = [];
  const minN = options.minBaseSamples ?? 512;
  const maxWidth = options.maxIntervalWidth ?? 0.1;
  const pct = `${Math.round(r.conf * 100)}%`;
  if (!(r.variance > 0)) {
    out.push({ code: 'zero-variance', message: 'the output does not vary over the design: indices are undefined' });
    return out;
  }
  if (r.n < minN) out.push({ code: 'small-sample', message: `only ${r.n} base samples (fewer than ${minN}): indices may not have converged` });
  if ((r.n & (r.n - 1)) !== 0) {
    out.push({ code: 'not-power-of-two', message: `${r.n} base samples is not a power of two: the Sobol sequence loses its balance properties` });
  }
  const fmt = (x: number) => x.toFixed(3);
  r.names.forEach((name, i) => {
    const s = r.first[i];
    const t = r.total[i];
    for (const [label, e] of [['first-order', s], ['total', t]] as const) {
      if (e.hi < 0) out.push({ code: 'negative-index', factor: i, message: `${label} index of ${name} is negative beyond its ${pct} interval (${fmt(e.estimate)}, [${fmt(e.lo)}, ${fmt(e.hi)}])` });
      if (e.hi - e.lo > maxWidth) out.push({ code: 'wide-interval', factor: i, message: `${label} index of ${name} has a ${pct} interval of width ${fmt(e.hi - e.lo)} (> ${maxWidth}): use more samples` });
    }
    // Equal-valued noise (both near 0) would trip a bare comparison; require the gap to exceed the noise.
    const noise = Math.max(s.estimate - s.lo, t.hi - t.estimate);
    if (s.estimate - t.estimate > noise) {
      out.push({ code: 'first-exceeds-total', factor: i, message: `first-order index of ${name} (${fmt(s.estimate)}) exceeds its total index (${fmt(t.estimate)}) beyond sampling noise` });
    }
  });
  if (r.sumFirst.lo > 1) {
    out.push({ code: 'sum-exceeds-one', message: `first-order indices sum to ${fmt(r.sumFirst.estimate)}, above 1 beyond its ${pct} interval (lower bound ${fmt(r.sumFirst.lo)})` });
  }
  return out;
}
