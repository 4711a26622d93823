import type { Columns } from '../../engine/agents.js';
import type { Csr } from '../../engine/network.js';
import type { Rng } from '../../engine/random.js';
import type { Plan } from './assemble.js';
import type { AftermathScenario } from './schema.js';
import type { TouchedAgents } from './touched.js';
import type { TrailingYear } from './year-window.js';

/** Agent flags (bits of `flags`). */
export const ACTIVE = 1;
export const DIRECT = 2;
export const INDIRECT = 4;
export const TOUCHED = 8;
export const EVIDENCE = 16;
export const LISTED = 32;
export const ORGANISER = 64;
export const WANTED = 128;

/** Agent status. */
export const FREE = 0;
export const ADMIN = 1;
export const PRETRIAL = 2;
export const PRISON = 3;
export const DEAD = 4;
export const ABROAD = 5;

/** Roles: the wave's three groups plus organisers, and ordinary (non-political) prisoners. */
export const NO_ROLE = 0;
export const PEACEFUL = 1;
export const ARMED = 2;
export const LOOTER = 3;
export const ORGANISER_ROLE = 4;
export const ORDINARY = 5;
export const ROLE_KEYS = ['peaceful', 'armed', 'looters', 'organisers'] as const;

/** Orientation (M9 armies). */
export const NEUTRAL = 0;
export const FOR_PEACEFUL = 1;
export const FOR_RADICAL = 2;

/** Prison affiliation (M8). */
export const UNAFFILIATED = 0;
export const CREW = 1;
export const SECT = 2;
export const BULLIED = 3;
/** A released sect member who pulls its ties toward radical action while it stays radical (M9). */
export const PREACHER = 4;

/**
 * Tie kinds. The network stores no kind per tie: a person's household ties come first in its
 * row, `householdTies[i]` of them (see `householdEnd`), and the rest are friends.
 */
export const HOUSEHOLD = 1;
export const FRIEND = 2;

/** End of person i's household ties in the network: they are targets[offsets[i] .. householdEnd). */
export function householdEnd(w: World, i: number): number {
  return w.net.offsets[i] + w.householdTies[i];
}

/**
 * Agents whose columns the weekly loops over scattered ids (the touched, those in custody)
 * read ahead at a time: each column of such an agent is a cache miss, and read in a tight loop
 * those misses overlap, where the loop's own branches would serialise them.
 */
export const READ_AHEAD = 32;
/** Where read-ahead loops leave what they read, so that the reads are not optimised away. */
export const readAhead = { sink: 0 };

/** An append-only list of agent ids that grows as needed. */
export class IdList {
  ids: Int32Array;
  size = 0;
  constructor(capacity = 1024) {
    this.ids = new Int32Array(Math.max(16, capacity));
  }
  push(id: number): void {
    if (this.size === this.ids.length) {
      const next = new Int32Array(Math.ceil(this.ids.length * 1.5) + 16);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.size++] = id;
  }
  /** Keeps the ids for which keep(id) is true, in order. */
  filter(keep: (id: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.size; r++) {
      const id = this.ids[r];
      if (keep(id)) this.ids[w++] = id;
    }
    this.size = w;
  }
}

/**
 * The people, as columns (one row per agent, no objects; the population is fixed). The
 * World's per-agent fields below are these columns under their own names; regional state and
 * counters are separate.
 */
export const PEOPLE = {
  region: 'u8', hardship: 'f32', risk: 'f32', extraHardship: 'f32', bonus: 'f32', legitimacyLoss: 'f32',
  flags: 'u8', status: 'u8', timer: 'u16', role: 'u8', orient: 'u8', affil: 'u8', skill: 'u8',
  activeTies: 'u8', organiserTies: 'u8', radicalTies: 'u8', restrictedUntil: 'u16',
  householdTies: 'u8',
} as const;
export interface People {
  readonly columns: Columns<typeof PEOPLE>;
}

/** Per-region accumulators, in agents (scaled to people when reported). */
export interface RegionCounters {
  detained: Float64Array;
  stopped: Float64Array;
  killed: Float64Array;
  direct: Float64Array;
  indirect: Float64Array;
  convicted: Float64Array;
  convictedArmed: Float64Array;
  emigrants: Float64Array;
  returned: Float64Array;
  explosions: Float64Array;
  amnestied: Float64Array;
  sectRecruits: Float64Array;
  /** Harm events this week (for M6). */
  harmWeek: Float64Array;
  /** People put on the extremist list after t0. */
  listAdded: Float64Array;
  /** People sent to court on extremism or terrorism charges (convicted or not). */
  courtCases: Float64Array;
  /** Non-political permanent emigrants (a flow only: births and immigration keep the population). */
  emigratedBaseline: Float64Array;
  /** Unrest events by size class of their peak so far (see indicators.ts). */
  unrestSmall: Float64Array;
  unrestMedium: Float64Array;
  unrestLarge: Float64Array;
}

/**
 * The pre-t0 norm of repression (M6): standing repression (prisoners of the wave, outcasts,
 * listed) and harm events per week in each region, in agents. Averaged over the burn-in while
 * it runs; without a burn-in the stock is the t0 census and the harm norm is 0.
 */
export interface RepressionNorm {
  stock: number;
  readonly harm: Float64Array;
  /** Burn-in weeks summed into stock and harm so far (0 once they are means). */
  weeks: number;
}

/** Per-region census from the weekly sweep, in agents. */
export interface RegionCensus {
  protestMinded: Float64Array;
  active: Float64Array;
  outcasts: Float64Array;
  organisers: Float64Array;
  armyPeaceful: Float64Array;
  armyRadical: Float64Array;
  listed: Float64Array;
  prisoners: Float64Array;
  prisonersWave: Float64Array;
  prisonersCrew: Float64Array;
  prisonersSect: Float64Array;
  home: Float64Array;
  abroad: Float64Array;
}

export interface Streams {
  wave: Rng;
  funnel: Rng;
  justice: Rng;
  prison: Rng;
  sweep: Rng;
  valve: Rng;
  bomb: Rng;
  policy: Rng;
  emigration: Rng;
}

export interface World {
  readonly sc: AftermathScenario;
  /** The enabled mechanisms as the core calls them (see assemble.ts). */
  readonly plan: Plan;
  /** Internal week of t0: the weeks before it are the burn-in (stocks settle into steady state). */
  origin: number;
  readonly scale: number;
  readonly n: number;
  readonly nRegions: number;
  /** Everybody, in the engine's agent store; it never grows (births and deaths are status changes). */
  readonly people: People;
  week: number;
  /** Agents of region r are ids regionStart[r] .. regionStart[r+1]-1, sorted by hardship, highest first. */
  readonly regionStart: Int32Array;
  readonly region: Uint8Array;
  readonly hardship: Float32Array;
  readonly risk: Float32Array;
  /** Hardship added by restrictions (M5). */
  readonly extraHardship: Float32Array;
  /** Grievance added by harm to oneself and one's ties (M2, M4). */
  readonly bonus: Float32Array;
  /** Perceived legitimacy lost through harmed ties (M6). */
  readonly legitimacyLoss: Float32Array;
  readonly flags: Uint8Array;
  readonly status: Uint8Array;
  /** Weeks to the next custody event (release, charge, trial); abroad, 1 for asylum; free, the rest mark (touched.ts). */
  readonly timer: Uint16Array;
  readonly role: Uint8Array;
  readonly orient: Uint8Array;
  readonly affil: Uint8Array;
  readonly skill: Uint8Array;
  readonly activeTies: Uint8Array;
  readonly organiserTies: Uint8Array;
  readonly radicalTies: Uint8Array;
  /** Restrictions (M5) last until this week (0: none; 65535: indefinite). */
  readonly restrictedUntil: Uint16Array;
  /** Where each agent abroad went (index into M10's destinations), for the few abroad: a column would cost a byte a person. */
  readonly destination: Map<number, number>;
  /** How many of the first ties in a person's row are household ties (the rest are friends). */
  readonly householdTies: Uint8Array;
  /**
   * Extra actives an agent sees this week because a local trigger caught it up (M11), for the
   * few so caught (a column would cost 4 bytes a person for them): float32 sums, as a column's.
   */
  readonly localCrowd: Map<number, number>;
  readonly net: Csr;
  readonly touched: TouchedAgents;
  readonly custody: IdList;
  readonly wanted: IdList;
  readonly rng: Streams;
  // Regional state.
  readonly legitimacy: Float64Array;
  readonly legitimacy0: Float64Array;
  readonly police: Float64Array;
  readonly intensity: Float64Array;
  readonly surge: Float64Array;
  readonly crackdownUntil: Int32Array;
  readonly hardshipFactor: Float64Array;
  readonly hardshipUntil: Int32Array;
  /** Perceived actives added region-wide this week (the activation-mode wave of M1). */
  readonly spark: Float64Array;
  readonly activeShare: Float64Array;
  readonly exploding: Uint8Array;
  readonly regionAgents: Float64Array;
  /** Week of a given wave, when its participants act whatever the rule says (-1: none). */
  forcedWeek: number;
  /** The repression people were used to before t0, which M6 erodes legitimacy only beyond. */
  readonly repressionNorm: RepressionNorm;
  attention: number;
  readonly destAcceptance: Float64Array;
  readonly destAsylum: Float64Array;
  readonly destDanger: Float64Array;
  /** Agents abroad per destination (census). */
  readonly abroadByDest: Float64Array;
  readonly counters: RegionCounters;
  readonly census: RegionCensus;
  /** Stops still owed by a region's crackdown (fractional agents carry over). */
  readonly stopsOwed: Float64Array;
  readonly explosionLog: { step: number; date: string; region: string; active: number }[];
  /** Agents whose active flag changed this week (to update their ties' counts). */
  readonly activeChanged: IdList;
  /** Trailing 52-week sums of the counters in YEAR_FLOWS order. */
  readonly year: TrailingYear;
  /** Regions with an unrest event under way, and its peak so far (agents). */
  readonly inUnrest: Uint8Array;
  readonly unrestPeak: Float64Array;
}

/** Counters whose trailing 52-week sums are reported (indices into World.year). */
export const YEAR_FLOWS = ['listAdded', 'courtCases', 'emigrants', 'emigratedBaseline'] as const;
export const FLOW_LIST = 0;
export const FLOW_COURT = 1;
export const FLOW_EXIT = 2;
export const FLOW_BASELINE = 3;

/** Marks i as touched: the sweep visits it from now on (waking it if it was at rest, touched.ts). */
export function touch(w: World, i: number): void {
  if ((w.flags[i] & TOUCHED) === 0) {
    w.flags[i] |= TOUCHED;
    w.touched.add(i);
  }
}

/** Rounds x to an integer at random so that the mean is exact (counts in agents at a scale). */
export function stochasticRound(x: number, rng: Rng): number {
  const f = Math.floor(x);
  return f + (rng.random() < x - f ? 1 : 0);
}

export function regionCounters(k: number): RegionCounters {
  const a = () => new Float64Array(k);
  return {
    detained: a(), stopped: a(), killed: a(), direct: a(), indirect: a(), convicted: a(), convictedArmed: a(),
    emigrants: a(), returned: a(), explosions: a(), amnestied: a(), sectRecruits: a(), harmWeek: a(),
    listAdded: a(), courtCases: a(), emigratedBaseline: a(), unrestSmall: a(), unrestMedium: a(), unrestLarge: a(),
  };
}

export function regionCensus(k: number): RegionCensus {
  const a = () => new Float64Array(k);
  return {
    protestMinded: a(), active: a(), outcasts: a(), organisers: a(), armyPeaceful: a(), armyRadical: a(), listed: a(),
    prisoners: a(), prisonersWave: a(), prisonersCrew: a(), prisonersSect: a(), home: a(), abroad: a(),
  };
}

/** The role's entry in a per-role parameter (roles outside the wave use the peaceful one). */
export function byRole(v: { peaceful: number; armed: number; looters: number; organisers: number }, role: number): number {
  switch (role) {
    case ARMED: return v.armed;
    case LOOTER: return v.looters;
    case ORGANISER_ROLE: return v.organisers;
    default: return v.peaceful;
  }
}
