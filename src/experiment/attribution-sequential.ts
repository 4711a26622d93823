import { Rng } from '../engine/random.js';
import { headlinePairs, pairedChange, type AttributionRow, type Headline } from './attribution.js';
import type { ParameterRow } from './design-rows.js';
import { binaryPaired, pairedPrecision } from './variance/power.js';

/**
 * Sequential attribution: pairs (baseline, arm) are added in batches, each arm only while its
 * interval is still wider than asked, so the runs go where the noise is. Every decision is a
 * function of the finished runs alone (seeds are fixed), so a resumed attribution takes the
 * same decisions and finds the runs it asks for already recorded.
 *
 * Stopping after looking at the data makes a nominal 95 % interval a little optimistic; a first
 * look only after `minPairs` and a batch size of several pairs keep that small.
 */

/** One changed world, paired with the baseline replicate by replicate. */
export interface Arm {
  readonly id: string;
  readonly name: string;
  readonly kind: 'mechanism' | 'group' | 'sweep';
  /** The run's parameters: `ablate` (mechanism ids joined by "+") and/or scenario paths. */
  readonly params: ParameterRow;
  readonly value?: number | null;
}

export interface SequentialPlan {
  readonly batch: number;
  readonly minPairs: number;
  readonly maxPairs: number;
  /** Stop when the 95 % half-width, or the MDE at 80 % power, reaches the target. */
  readonly criterion: 'half_width' | 'mde';
  /** Target on P(new event by the horizon), absolute (0.05 = 5 points); null: not a stopping goal. */
  readonly eventTarget: number | null;
  /** Target on the stocks, relative to the baseline mean (0.1 = 10 %); null: not a stopping goal. */
  readonly stockTarget: number | null;
}

export type Summaries = Readonly<Record<string, number | null>>;

/** Where runs come from: index -1 is the baseline, 0.. the arms. */
export interface PairSource {
  /** Runs (or finds recorded) these replicates and returns their summaries ("arm:replicate" -> summaries; a failed run is absent). */
  run(requests: readonly { readonly arm: number; readonly replicates: readonly number[] }[]): Promise<Map<string, Summaries>>;
}

export interface ArmOutcome {
  readonly arm: Arm;
  readonly pairs: number;
  /** precision: the targets were met; max_pairs: the pair budget ran out first; no_target: the plan sets none, so min_pairs it is. */
  readonly stopReason: 'precision' | 'max_pairs' | 'no_target';
  /** The half-width and MDE of the primary headline when it stopped. */
  readonly halfWidth: number | null;
  readonly mde: number | null;
}

export interface SequentialResult {
  readonly rows: AttributionRow[];
  readonly arms: readonly ArmOutcome[];
  readonly baselineRuns: number;
  readonly rounds: number;
}

export interface SequentialOptions {
  readonly arms: readonly Arm[];
  readonly headlines: readonly Headline[];
  readonly plan: SequentialPlan;
  readonly source: PairSource;
  /** Baseline summaries already run (e.g. the ensemble, with the same seeds), by replicate. */
  readonly baseline?: readonly (Summaries | undefined)[];
  readonly seed: number;
  readonly resamples?: number;
  readonly onRound?: (round: number, active: number, pairsAsked: number) => void;
}

/** Half-width and MDE of one headline over the pairs so far. */
export function headlinePrecision(h: Headline, pairs: readonly (readonly [number, number])[]): { halfWidth: number; mde: number; baseline: number } {
  const p = h.estimator === 'paired-binary' ? binaryPaired(pairs) : pairedPrecision(pairs.map(([b, a]) => a - b));
  const baseline = pairs.length ? pairs.reduce((s, [b]) => s + b, 0) / pairs.length : NaN;
  return { halfWidth: p.halfWidth, mde: p.mde, baseline };
}

/** Whether an arm's pairs meet the plan (every headline the plan has a target for). */
export function meetsPlan(plan: SequentialPlan, headlines: readonly Headline[], pairsOf: (h: Headline) => readonly (readonly [number, number])[]): boolean {
  for (const h of headlines) {
    const target = h.kind === 'event' ? (h.primary ? plan.eventTarget : null) : plan.stockTarget;
    if (target === null) continue;
    const p = headlinePrecision(h, pairsOf(h));
    const width = plan.criterion === 'mde' ? p.mde : p.halfWidth;
    if (h.kind === 'stock') {
      // A stock the baseline never has gives no relative scale; it cannot hold the arm back.
      if (!(Math.abs(p.baseline) > 0)) continue;
      if (!(width / Math.abs(p.baseline) <= target)) return false;
    } else if (!(width <= target)) return false;
  }
  return true;
}

export async function runSequentialAttribution(o: SequentialOptions): Promise<SequentialResult> {
  const { plan, headlines } = o;
  if (plan.minPairs > plan.maxPairs) throw new Error(`min_pairs (${plan.minPairs}) exceeds max_pairs (${plan.maxPairs})`);
  const baseline: (Summaries | undefined)[] = [...(o.baseline ?? [])];
  const baselineDone = new Set<number>(baseline.flatMap((s, r) => (s ? [r] : [])));
  const results = o.arms.map(() => [] as (Summaries | undefined)[]);
  const pairs = o.arms.map(() => 0);
  const stopped: (ArmOutcome['stopReason'] | null)[] = o.arms.map(() => null);
  let rounds = 0;
  let baselineRuns = 0;

  while (stopped.some((s) => s === null)) {
    const requests: { arm: number; replicates: number[] }[] = [];
    let top = 0;
    o.arms.forEach((_, i) => {
      if (stopped[i] !== null) return;
      const want = Math.min(plan.maxPairs, pairs[i] === 0 ? plan.minPairs : pairs[i] + plan.batch);
      const reps = Array.from({ length: want - pairs[i] }, (_, k) => pairs[i] + k);
      requests.push({ arm: i, replicates: reps });
      top = Math.max(top, want);
    });
    const baseReps = Array.from({ length: top }, (_, r) => r).filter((r) => !baselineDone.has(r));
    if (baseReps.length > 0) requests.unshift({ arm: -1, replicates: baseReps });
    rounds++;
    o.onRound?.(rounds, requests.filter((q) => q.arm >= 0).length, requests.reduce((n, q) => n + q.replicates.length, 0));
    const got = await o.source.run(requests);
    for (const q of requests) {
      for (const r of q.replicates) {
        const s = got.get(`${q.arm}:${r}`);
        if (q.arm < 0) {
          baseline[r] = s;
          baselineDone.add(r);
          baselineRuns++;
        } else results[q.arm][r] = s;
      }
      if (q.arm >= 0) pairs[q.arm] += q.replicates.length;
    }
    o.arms.forEach((_, i) => {
      if (stopped[i] !== null) return;
      const n = pairs[i];
      if (n >= plan.minPairs && plan.eventTarget === null && plan.stockTarget === null) stopped[i] = 'no_target';
      else if (n >= plan.minPairs && meetsPlan(plan, headlines, (h) => headlinePairs(h, baseline, results[i], n))) stopped[i] = 'precision';
      else if (n >= plan.maxPairs) stopped[i] = 'max_pairs';
    });
  }

  const rows: AttributionRow[] = [];
  const arms: ArmOutcome[] = [];
  o.arms.forEach((arm, i) => {
    const rng = new Rng(o.seed, 'attribution', arm.id);
    const primary = headlines.find((h) => h.primary) ?? headlines[0];
    let halfWidth: number | null = null;
    let mde: number | null = null;
    for (const h of headlines) {
      const p = headlinePairs(h, baseline, results[i], pairs[i]);
      if (p.length === 0) continue;
      const change = pairedChange(p, rng, o.resamples ?? 1000, h.estimator);
      if (h === primary) {
        halfWidth = headlinePrecision(h, p).halfWidth;
        mde = change.mde ?? null;
      }
      rows.push({ mechanism: arm.id, mechanismName: arm.name, indicator: h.label, ...change, stopReason: stopped[i]!, armKind: arm.kind, armValue: arm.value ?? null });
    }
    arms.push({ arm, pairs: pairs[i], stopReason: stopped[i]!, halfWidth, mde });
  });
  return { rows, arms, baselineRuns, rounds };
}
