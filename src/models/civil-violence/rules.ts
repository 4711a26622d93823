import type { NeighbourhoodShape } from '../../engine/neighbourhood.js';
import type { RuleSetName } from './schema.js';

/**
 * The small rules in which Epstein's own code and the two popular re-implementations differ
 * (the table in EPSTEIN.md). The model branches on these fields, never on the rule set's name.
 */
export interface RuleSet {
  readonly name: RuleSetName;
  /** How C / (A + 1) becomes a whole number of "cops per active" before the exponential. */
  readonly arrestRounding: 'floor' | 'round-half-even';
  readonly visionShape: NeighbourhoodShape;
  /** Vision includes the own cell, so an active citizen counts itself in A. */
  readonly visionIncludesSelf: boolean;
  /** Grievance H (1 - L) computed once at setup, so later legitimacy changes do not reach it. */
  readonly grievanceFixedAtSetup: boolean;
  readonly thresholdFactorByDefault: boolean;
  /** 'moore-step': one random Moore neighbour, if empty; 'vision': a random empty cell within vision. */
  readonly movement: 'moore-step' | 'vision';
  /** Citizens move before deciding (epstein2002, netlogo) or after (mesa). */
  readonly moveBeforeAct: boolean;
  /** 'grouped': citizens then cops, each shuffled; 'single': one shuffled order for all. */
  readonly order: 'grouped' | 'single';
  readonly arrestTarget: 'nearest' | 'random';
  /** The cop steps onto the arrested citizen's cell. */
  readonly copStepsOntoArrest: boolean;
  /** The cop acts before it moves (epstein2002, mesa) or moves first (netlogo). */
  readonly copMovesFirst: boolean;
  /** Term drawn from 0..Jmax ('inclusive') or 0..Jmax-1 ('exclusive'). */
  readonly termRange: 'inclusive' | 'exclusive';
  /** Where a jailed citizen is: off the lattice, on its cell but letting others in, or blocking it. */
  readonly jail: 'off-lattice' | 'on-cell-open' | 'on-cell-blocking';
  readonly setupCounts: 'floor' | 'round' | 'per-cell';
}

export const ruleSets: Record<RuleSetName, RuleSet> = {
  epstein2002: {
    name: 'epstein2002',
    arrestRounding: 'floor',
    visionShape: 'euclidean',
    visionIncludesSelf: false,
    grievanceFixedAtSetup: false,
    thresholdFactorByDefault: true,
    movement: 'moore-step',
    moveBeforeAct: true,
    order: 'grouped',
    arrestTarget: 'nearest',
    copStepsOntoArrest: true,
    copMovesFirst: false,
    termRange: 'inclusive',
    jail: 'off-lattice',
    setupCounts: 'floor',
  },
  netlogo: {
    name: 'netlogo',
    arrestRounding: 'floor',
    visionShape: 'euclidean',
    visionIncludesSelf: true,
    grievanceFixedAtSetup: false,
    thresholdFactorByDefault: false,
    movement: 'vision',
    moveBeforeAct: true,
    order: 'single',
    arrestTarget: 'random',
    copStepsOntoArrest: true,
    copMovesFirst: true,
    termRange: 'exclusive',
    jail: 'on-cell-open',
    setupCounts: 'round',
  },
  mesa: {
    name: 'mesa',
    arrestRounding: 'round-half-even',
    visionShape: 'von-neumann',
    visionIncludesSelf: false,
    grievanceFixedAtSetup: true,
    thresholdFactorByDefault: false,
    movement: 'vision',
    moveBeforeAct: false,
    order: 'single',
    arrestTarget: 'random',
    copStepsOntoArrest: false,
    copMovesFirst: false,
    termRange: 'inclusive',
    jail: 'on-cell-blocking',
    setupCounts: 'per-cell',
  },
};

/** Whole "cops per active" from C cops and A other actives, as the rule set rounds it. */
export function copsPerActive(rounding: RuleSet['arrestRounding'], cops: number, actives: number): number {
  const d = actives + 1;
  const q = Math.floor(cops / d);
  if (rounding === 'floor') return q;
  const twice = 2 * (cops - q * d);
  if (twice > d) return q + 1;
  if (twice < d) return q;
  return q + (q & 1);
}

/** Epstein's estimated arrest probability P = 1 - exp(-k round(C / (A + 1))). */
export function arrestProbability(k: number, rounding: RuleSet['arrestRounding'], cops: number, actives: number): number {
  return 1 - Math.exp(-k * copsPerActive(rounding, cops, actives));
}

/** Epstein's grievance G = H (1 - L), times (1 - T) where his code has that factor (1 otherwise). */
export function grievance(hardship: number, legitimacy: number, thresholdFactor: number): number {
  return hardship * (1 - legitimacy) * thresholdFactor;
}

/** Rule A: a citizen is active iff grievance minus net risk exceeds the threshold, G - R P > T. */
export function rebels(grievance: number, riskAversion: number, arrestProbability: number, threshold: number): boolean {
  return grievance - riskAversion * arrestProbability > threshold;
}

/**
 * Rule A solved for the whole number m of cops per active (floor rounding): the smallest m at
 * which the citizen stays quiet, so that it is active iff floor(C / (A + 1)) < m, that is iff
 * C < m (A + 1). 0 means never active (G <= T); `maxM + 1` means active whatever it sees.
 * `arrestTable[m]` must not decrease in m: R P then cannot decrease either (IEEE products and
 * differences are monotone), so `rebels` holds for m below the answer and fails from it on,
 * and a binary search finds it with the very comparisons the reference makes.
 */
export function quietFrom(g: number, riskAversion: number, arrestTable: Float64Array, maxM: number, threshold: number): number {
  // P(0) = 0: at m = 0 the rule is G > T, the reference's test before it looks around.
  if (!rebels(g, riskAversion, arrestTable[0], threshold)) return 0;
  let lo = 0; // rebels at lo
  let hi = maxM + 1; // quiet at hi, or beyond every m that can occur
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (rebels(g, riskAversion, arrestTable[mid], threshold)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Whether the arrest probabilities never decrease with m (what `quietFrom` needs). */
export function nonDecreasing(table: Float64Array): boolean {
  for (let m = 1; m < table.length; m++) if (!(table[m] >= table[m - 1])) return false;
  return true;
}
