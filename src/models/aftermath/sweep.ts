import {
  ABROAD, ACTIVE, DEAD, FOR_PEACEFUL, FOR_RADICAL, FREE, IdList, LISTED, NO_ROLE, ORDINARY, ORGANISER, PRISON, ADMIN, PRETRIAL,
  CREW, SECT, TOUCHED, readAhead, touch, type World,
} from './state.js';
import { fadeFactor } from './core/harm.js';
import { LegitimacyWakes, wakeLegitimacy } from './legitimacy-wakes.js';

/**
 * Most harm-driven grievance and lost legitimacy an agent may carry to rest: small against the
 * threshold, so that the agents a week of falling legitimacy could make protest-minded are few
 * and easy to find (the widened prefix in `run`).
 */
const REST_GRIEVANCE = 1e-3;
import { delist, retireOrganiser } from './core/records.js';

/**
 * The weekly decision of every agent who could act, by Epstein's rule on the network:
 * G = H (1 - L) + harm, N = R P, P = 1 - exp(-k C / (A + 1)), active iff G - N > T.
 * C / (A + 1) is the real ratio (Epstein's text), not the floor of his code: with the floor, any
 * crowd above C - 1 makes the arrest risk exactly 0 and everybody with G > T acts, so a spark
 * alone would set off an explosion whatever the agents had been through. A is what the agent
 * sees: the region's active share within its vision, a local trigger it is caught up in, and
 * the terms mechanisms weigh in (DecisionWeights: active ties, organiser ties, the radicals'
 * discount of the risk). Mechanisms then act on each free agent through the `orient`,
 * `radical` and `exit` events, and on each agent abroad through `abroad`.
 * Untouched agents only matter when their own hardship makes them protest-minded, and those are
 * a prefix of their region's ids; everyone else who can change is on the touched list. A touched
 * agent whose weeks would change nothing but its fading grievance rests (touched.ts) until
 * touched again, or until its region's legitimacy falls far enough that it might turn
 * protest-minded: it is then woken where the prefix, widened by what it may still carry, reaches.
 * The same pass takes the census the indicators report.
 */
export class Sweep {
  readonly actives = new IdList(1 << 12);
  private readonly crowd: Float64Array;
  private readonly cops: Float64Array;
  private readonly hardshipMul: Float64Array;
  /**
   * This week's arrest risk P by region and active-tie count, for agents with no organiser ties
   * and no local crowd (most of those deciding): the same expression, computed once (NaN: not yet).
   */
  private readonly plainRisk: Float64Array;
  private readonly prefixEnd: Int32Array;
  /** Resting agents below this id of their region might turn protest-minded this week. */
  private readonly wakeEnd: Int32Array;
  private readonly quiet: readonly ((w: World, i: number) => boolean)[] | null;
  /** Resting agents who carry more harm than REST_GRIEVANCE, by the legitimacy that wakes them. */
  readonly legitimacyWakes: LegitimacyWakes | null;
  private readonly fade: number;
  private readonly thresholdDrop: number;
  private readonly organiserBoost: number;
  private readonly tieWeight: number;
  private readonly radicalDiscount: number;
  private readonly listExit: number;
  private readonly organiserExit: number;

  /** `rest` false: nobody rests (the same numbers, more visits; the tests compare the two). */
  constructor(private readonly w: World, rest = true) {
    this.quiet = rest ? w.plan.quiet : null;
    this.legitimacyWakes = this.quiet ? new LegitimacyWakes(w.nRegions, w.timer) : null;
    this.wakeEnd = new Int32Array(w.nRegions);
    this.crowd = new Float64Array(w.nRegions);
    this.cops = new Float64Array(w.nRegions);
    this.hardshipMul = new Float64Array(w.nRegions);
    this.plainRisk = new Float64Array(w.nRegions * 256);
    this.prefixEnd = new Int32Array(w.nRegions);
    this.fade = fadeFactor(w.sc.mechanisms.M4.halfLife);
    const weights = w.plan.weights;
    this.thresholdDrop = weights.organiserThresholdDrop;
    this.organiserBoost = weights.organiserCrowdBoost;
    this.tieWeight = weights.activeTieWeight;
    this.radicalDiscount = weights.radicalRiskDiscount;
    this.listExit = w.sc.mechanisms.M7.listExit;
    this.organiserExit = w.sc.mechanisms.M7.organiserExit;
  }

  /** `act` false: the census at t0 only, before anyone has had a week to move, leave or be listed. */
  run(act = true): void {
    this.acting = act;
    const w = this.w;
    const e = w.sc.epstein;
    const T = e.threshold;
    const c = w.census;
    for (const a of Object.values(c)) (a as Float64Array).fill(0);
    w.abroadByDest.fill(0);
    this.actives.size = 0;
    this.plainRisk.fill(NaN);
    for (let r = 0; r < w.nRegions; r++) {
      this.hardshipMul[r] = w.week <= w.hardshipUntil[r] ? w.hardshipFactor[r] : 1;
      this.crowd[r] = e.vision * w.activeShare[r] + w.spark[r];
      this.cops[r] = e.vision * w.police[r] * w.intensity[r] * w.surge[r];
      const g = this.hardshipMul[r] * (1 - w.legitimacy[r]);
      this.prefixEnd[r] = prefixOf(w, r, g > 0 ? T / g : Infinity);
      // A resting agent's G is at most h g + (mul + 1) REST_GRIEVANCE (see decide; h <= 1).
      const wake = T - (this.hardshipMul[r] + 1) * REST_GRIEVANCE;
      this.wakeEnd[r] = this.quiet ? Math.max(this.prefixEnd[r], prefixOf(w, r, g > 0 ? wake / g : wake > 0 ? Infinity : -1)) : this.prefixEnd[r];
    }
    const flags = w.flags;
    const timer = w.timer;
    const lw = this.legitimacyWakes;
    if (lw && act) {
      for (let r = 0; r < w.nRegions; r++) {
        if (lw.holds(r, this.hardshipMul[r])) lw.due(r, w.legitimacy[r], this.wake);
        else lw.reset(r, this.hardshipMul[r], this.wakeRegion(r));
      }
    }
    for (let r = 0; r < w.nRegions; r++) {
      const prefix = this.prefixEnd[r];
      for (let i = w.regionStart[r], end = this.wakeEnd[r]; i < end; i++) {
        if (flags[i] & TOUCHED) continue;
        if (timer[i] !== 0) touch(w, i);
        else if (i < prefix) this.decide(i, r);
      }
    }
    const t = w.touched;
    t.begin();
    t.visit(this.visit, this.warm);
    for (let r = 0; r < w.nRegions; r++) {
      c.home[r] = w.regionAgents[r] - this.away[r];
      w.activeShare[r] = c.home[r] > 0 ? c.active[r] / c.home[r] : 0;
    }
    this.away.fill(0);
  }

  private readonly wake = (i: number): void => touch(this.w, i);

  /** Wakes every agent of region r at rest; returns how many. */
  private wakeRegion(r: number): number {
    const { flags, timer } = this.w;
    let n = 0;
    for (let i = this.w.regionStart[r], end = this.w.regionStart[r + 1]; i < end; i++) {
      if ((flags[i] & TOUCHED) === 0 && timer[i] !== 0) {
        touch(this.w, i);
        n++;
      }
    }
    return n;
  }

  private readonly away = new Float64Array(256);
  private acting = true;

  /** Epstein's decision; returns whether the agent is protest-minded. */
  private decide(i: number, r: number): boolean {
    const w = this.w;
    const e = w.sc.epstein;
    const L = w.legitimacy[r] - w.legitimacyLoss[i];
    const G = (w.hardship[i] + w.extraHardship[i]) * this.hardshipMul[r] * (1 - (L > 0 ? L : 0)) + w.bonus[i];
    const org = w.organiserTies[i];
    const T = e.threshold - this.thresholdDrop * org;
    const minded = G > T;
    let active = false;
    if (minded) {
      const local = w.localCrowd.size === 0 ? 0 : (w.localCrowd.get(i) ?? 0);
      const ties = w.activeTies[i];
      const A = this.crowd[r] + this.organiserBoost * org + local + this.tieWeight * ties;
      const plain = org === 0 && local === 0;
      const slot = (r << 8) | ties;
      let P = plain ? this.plainRisk[slot] : NaN;
      if (P !== P) {
        P = 1 - Math.exp((-e.k * this.cops[r]) / (A + 1));
        if (plain) this.plainRisk[slot] = P;
      }
      const R = w.orient[i] === FOR_RADICAL ? w.risk[i] * (1 - this.radicalDiscount) : w.risk[i];
      active = G - R * P > T;
      if (!active && w.forcedWeek === w.week && w.role[i] !== NO_ROLE && w.role[i] !== ORDINARY) active = true;
      w.census.protestMinded[r]++;
    }
    const was = (w.flags[i] & ACTIVE) !== 0;
    if (active !== was) {
      w.flags[i] ^= ACTIVE;
      w.activeChanged.push(active ? i : ~i);
    }
    if (active) {
      w.census.active[r]++;
      this.actives.push(i);
    }
    return minded;
  }

  private readonly visit = (i: number): boolean => this.touchedWeek(i);

  /**
   * Reads ahead the columns a touched agent's week will read (see TouchedAgents.visit): first
   * everyone's status, then for the free what touchedWeek, decide, the rules and the quiet
   * tests read whoever they are, and for the rest only the census's columns.
   */
  private readonly warm = (ids: Int32Array, from: number, to: number): void => {
    const w = this.w;
    const { status, region, flags, bonus, legitimacyLoss, hardship, extraHardship, risk, activeTies, organiserTies, orient, radicalTies, restrictedUntil, role, affil } = w;
    let sink = 0;
    for (let k = from; k < to; k++) sink += status[ids[k]];
    for (let k = from; k < to; k++) {
      const i = ids[k];
      if (status[i] === FREE) {
        sink += region[i] + flags[i] + organiserTies[i] + orient[i] + radicalTies[i] + restrictedUntil[i];
        sink += bonus[i] + legitimacyLoss[i] + hardship[i] + extraHardship[i] + risk[i] + activeTies[i];
      } else sink += region[i] + flags[i] + role[i] + affil[i];
    }
    readAhead.sink = sink;
  };

  /** A touched agent's week; false when it comes to rest. */
  private touchedWeek(i: number): boolean {
    const w = this.w;
    const r = w.region[i];
    const c = w.census;
    const s = w.status[i];
    if (s === DEAD) {
      this.away[r]++;
      return true;
    }
    if (w.flags[i] & LISTED) {
      if (this.acting && w.rng.sweep.random() < this.listExit) delist(w, i);
      else c.listed[r]++;
    }
    if (s !== FREE) {
      this.away[r]++;
      if (s === ABROAD) {
        c.abroad[r]++;
        w.abroadByDest[w.destination.get(i) ?? 0]++;
        if (this.acting) for (const f of w.plan.on.abroad) f(w, i);
      } else if (s === PRISON || s === PRETRIAL || s === ADMIN) {
        if (s !== ADMIN) c.prisoners[r]++;
        if (s !== ADMIN && w.role[i] !== ORDINARY) c.prisonersWave[r]++;
        if (s === PRISON && w.affil[i] === CREW) c.prisonersCrew[r]++;
        if (s === PRISON && w.affil[i] === SECT) c.prisonersSect[r]++;
      }
      return true;
    }
    const fade = this.fade;
    if (w.bonus[i] > 0) w.bonus[i] *= fade;
    if (w.legitimacyLoss[i] > 0) w.legitimacyLoss[i] *= fade;
    const on = w.plan.on;
    const outcast = w.plan.rules.outcast(w, i, this.acting);
    if (outcast) c.outcasts[r]++;
    const minded = this.decide(i, r);
    if (w.flags[i] & ORGANISER) {
      if (this.acting && w.rng.sweep.random() < this.organiserExit) retireOrganiser(w, i);
      else c.organisers[r]++;
    }
    if (!this.acting) return true;
    for (const f of on.orient) f(w, i, minded);
    const o = w.orient[i];
    if (o === FOR_PEACEFUL) c.armyPeaceful[r]++;
    else if (o === FOR_RADICAL) {
      c.armyRadical[r]++;
      for (const f of on.radical) f(w, i);
    }
    for (const f of on.exit) f(w, i, minded, outcast);
    if (minded || !this.mayRest(i)) return true;
    // Beyond REST_GRIEVANCE, or with a threshold lowered by organisers, the widened prefix cannot
    // find it again: a key must (legitimacy-wakes.ts). Organisers gained touch it; one lost only
    // raises its threshold, which the key allows for.
    const org = w.organiserTies[i];
    const light = org === 0 && w.bonus[i] <= REST_GRIEVANCE && w.legitimacyLoss[i] <= REST_GRIEVANCE;
    const T = w.sc.epstein.threshold - this.thresholdDrop * org;
    const key = light ? -Infinity : wakeLegitimacy(w.hardship[i], w.bonus[i], w.legitimacyLoss[i], this.hardshipMul[r], T);
    if (key === Infinity) return true;
    w.flags[i] &= ~TOUCHED;
    w.touched.rest(i);
    if (key > -Infinity) this.legitimacyWakes?.add(r, i, key, w.timer[i]);
    return false;
  }

  /**
   * Whether a free agent who is not protest-minded would spend its next weeks doing nothing but
   * fade: no draw of the sweep's own (the list, organising), no hardship of its own beyond its
   * place in the prefix, and every mechanism quiet about it.
   * Anything that changes one of these touches it; what its fading harm leaves it open to is
   * the legitimacy its key names (touchedWeek).
   */
  private mayRest(i: number): boolean {
    const quiet = this.quiet;
    if (quiet === null) return false;
    const w = this.w;
    if (w.status[i] !== FREE || (w.flags[i] & (ACTIVE | LISTED | ORGANISER)) !== 0) return false;
    if (w.extraHardship[i] !== 0) return false;
    for (const q of quiet) if (!q(w, i)) return false;
    return true;
  }
}

/** First id of region r whose hardship is at or below h (hardship falls along the region's ids). */
function prefixOf(w: World, r: number, h: number): number {
  let lo = w.regionStart[r];
  let hi = w.regionStart[r + 1];
  const H = w.hardship;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (H[mid] > h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
