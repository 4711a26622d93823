import type { Cell, Column, SteppableModel } from '../../engine/model.js';
import { assemble } from './assemble.js';
import { custodyWeek, imprisonOrdinary, ordinaryInflow } from './core/custody.js';
import { list } from './core/records.js';
import { disperseSparks, gather } from './core/sparks.js';
import { countUnrest, detectExplosions } from './core/unrest.js';
import { baselineEmigration } from './emigration.js';
import { Observer, groupColumns, nationalColumns } from './indicators.js';
import { Timeline } from './interventions.js';
import type { Mechanism, Week } from './mechanism.js';
import { MECHANISMS } from './mechanisms/index.js';
import { createWorld } from './population.js';
import type { AftermathScenario } from './schema.js';
import { LISTED, PRISON, touch, type World, stochasticRound } from './state.js';
import { Sweep } from './sweep.js';

export const MECHANISM_IDS = MECHANISMS.map((m) => m.id);

export interface AftermathOptions {
  /** Mechanism ids switched off. */
  readonly disable?: readonly string[];
  /** The mechanisms to run, in order (default: the registry's M1-M11). */
  readonly mechanisms?: readonly Mechanism[];
  /** False: no agent rests (touched.ts). The numbers are the same either way; resting is faster. */
  readonly rest?: boolean;
}

/**
 * One week per step: the state acts, then everybody who can decides, then the state answers.
 * The stages of the week are listed in mechanism.ts; the enabled mechanisms run in them in order.
 */
export class AftermathModel implements SteppableModel {
  readonly world: World;
  readonly columns: readonly Column[];
  readonly groupColumns: readonly Column[];
  readonly timeline: Timeline;
  private readonly sweep: Sweep;
  private readonly observer: Observer;
  private readonly week: { calendar: boolean } & Week;

  constructor(sc: AftermathScenario, seed: number, options: AftermathOptions = {}) {
    this.world = createWorld(sc, seed, assemble(options.mechanisms ?? MECHANISMS, options.disable ?? [], sc));
    this.columns = nationalColumns(this.world.sc);
    this.groupColumns = groupColumns();
    this.timeline = new Timeline(this.world);
    this.sweep = new Sweep(this.world, options.rest ?? true);
    this.week = { calendar: false, actives: this.sweep.actives, scheduledSparks: this.timeline.scheduledSparks };
    this.observer = new Observer(this.world);
    this.initialState();
    this.sweep.run(false);
    this.applyActiveChanges();
    for (let b = 0; b < sc.burnIn; b++) this.advance(false);
    this.startClock();
  }

  /** t0: every count starts from zero; the stocks stay as the burn-in left them. */
  private startClock(): void {
    const w = this.world;
    w.origin = w.week;
    for (const a of Object.values(w.counters)) (a as Float64Array).fill(0);
    w.explosionLog.length = 0;
    for (const f of w.plan.stages.start) f(w);
    w.year.record(w.week);
  }

  /** Every explosion so far: when, where and how large (active people when it was detected). */
  get explosions(): readonly { step: number; date: string; region: string; active: number }[] {
    return this.world.explosionLog;
  }

  /** How rests ended: outside the sweep's visit, ahead of or behind its cursor; and of those, how many a key's legitimacy or a changed hardship factor woke. */
  get wakes(): { outside: number; ahead: number; behind: number; legitimacy: number; factor: number } {
    const byKey = this.sweep.legitimacyWakes?.woken ?? { legitimacy: 0, factor: 0 };
    return { ...this.world.touched.wakes, ...byKey };
  }

  get stepCount(): number {
    return this.world.week - this.world.origin;
  }

  /** The prisons and the list as they stood before January. */
  private initialState(): void {
    const w = this.world;
    const m8 = w.sc.mechanisms.M8;
    const rng = w.rng.prison;
    const prisoners = stochasticRound(m8.prisonPopulation / w.scale, rng);
    // Stationary remaining terms: a prisoner found inside on a given day is serving a term drawn
    // in proportion to its length (terms of the inflow are uniform on [m/2, 3m/2]), and is at a
    // uniform point of it. Without the wave the prison stock then stays level from the start.
    const lo = 0.5 * m8.ordinaryTermWeeks;
    const hi = 1.5 * m8.ordinaryTermWeeks;
    for (let k = 0; k < prisoners; k++) {
      const i = rng.int(w.n);
      const term = Math.sqrt(lo * lo + rng.random() * (hi * hi - lo * lo));
      imprisonOrdinary(w, i, Math.max(1, Math.ceil(rng.random() * term)));
      if (w.status[i] === PRISON) for (const f of w.plan.on.initialPrisoner) f(w, i, rng);
    }
    const listed = stochasticRound(w.sc.mechanisms.M7.listInitial / w.scale, w.rng.policy);
    for (let k = 0; k < listed; k++) {
      const i = w.rng.policy.int(w.n);
      if ((w.flags[i] & LISTED) === 0) list(w, i);
      else k--;
    }
  }

  step(): void {
    this.advance(true);
  }

  /** One week; before t0 (the burn-in) without the calendar: no wave, no interventions. */
  private advance(calendar: boolean): void {
    const w = this.world;
    const { stages } = w.plan;
    const week = this.week;
    week.calendar = calendar;
    w.week++;
    w.spark.fill(0);
    if (calendar) this.timeline.apply();
    for (const f of stages.wave) f(w, week);
    for (const f of stages.crackdown) f(w, week);
    custodyWeek(w);
    ordinaryInflow(w);
    for (const f of stages.legitimacy) f(w, week);
    w.counters.harmWeek.fill(0);
    for (const s of week.scheduledSparks) gather(w, s.region, s.size, s.reach);
    for (const f of stages.sparks) f(w, week);
    this.sweep.run();
    disperseSparks(w);
    this.applyActiveChanges();
    for (const f of stages.mobilised) f(w, week);
    detectExplosions(w, this.sweep.actives);
    countUnrest(w);
    for (const f of stages.fade) f(w, week);
    baselineEmigration(w);
    w.year.record(w.week);
  }

  /** Each agent counts its active ties, so the cascade needs no neighbour scan per decision. */
  private applyActiveChanges(): void {
    const w = this.world;
    const ch = w.activeChanged;
    const { offsets, targets } = w.net;
    for (let c = 0; c < ch.size; c++) {
      const v = ch.ids[c];
      const up = v >= 0;
      const i = up ? v : ~v;
      if (up) touch(w, i);
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        const j = targets[e];
        const x = w.activeTies[j];
        if (up) {
          if (x < 255) w.activeTies[j] = x + 1;
        } else if (x > 0) w.activeTies[j] = x - 1;
      }
    }
    ch.size = 0;
  }

  observe(row: Cell[]): void {
    this.observer.observeNational(row);
  }

  observeGroups(emit: (row: Cell[]) => void): void {
    this.observer.observeRegions(emit);
  }
}

