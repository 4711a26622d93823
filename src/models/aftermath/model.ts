import type { Cell, Column, SteppableModel } from '../../engine/model.js';
import { LISTED, PRISON, SECT, touch, type On, type World, stochasticRound } from './state.js';
import type { AftermathScenario } from './schema.js';
import { stepOf } from './schema.js';
import { createWorld } from './population.js';
import { Sweep } from './sweep.js';
import { Timeline } from './interventions.js';
import { Observer, groupColumns, nationalColumns } from './indicators.js';
import { baselineEmigration } from './emigration.js';
import { seedGivenWave, enlistActivated } from './mechanisms/m1-wave.js';
import { fadeSurge, funnelWeek } from './mechanisms/m2-funnel.js';
import { custodyWeek, imprisonOrdinary, ordinaryInflow } from './mechanisms/custody.js';
import { legitimacyWeek, repressionStock } from './mechanisms/m6-legitimacy.js';
import { list } from './mechanisms/m7-school.js';
import { countUnrest, detectExplosions, disperseSparks, drawSparks } from './mechanisms/m11-bomb.js';

export const MECHANISM_IDS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11'] as const;

/** One week per step: the state acts, then everybody who can decides, then the state answers. */
export class AftermathModel implements SteppableModel {
  readonly world: World;
  readonly columns: readonly Column[];
  readonly groupColumns: readonly Column[];
  readonly timeline: Timeline;
  private readonly sweep: Sweep;
  private readonly waveStep: number;
  private readonly observer: Observer;

  constructor(sc: AftermathScenario, seed: number, disable: readonly string[] = []) {
    const on = Object.fromEntries(MECHANISM_IDS.map((id) => [id, !disable.includes(id)])) as unknown as On;
    this.world = createWorld(sc, seed, on);
    this.columns = nationalColumns(this.world.sc);
    this.groupColumns = groupColumns();
    this.timeline = new Timeline(this.world);
    this.sweep = new Sweep(this.world);
    this.waveStep = Math.max(1, stepOf(sc.t0, sc.mechanisms.M1.date));
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
    w.repressionAtT0 = repressionStock(w);
    w.year.record(w.week);
  }

  /** Every explosion so far: when, where and how large (active people when it was detected). */
  get explosions(): readonly { step: number; date: string; region: string; active: number }[] {
    return this.world.explosionLog;
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
      if (w.status[i] === PRISON && w.on.M8 && rng.random() < m8.sectInitial) w.affil[i] = SECT;
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

  /** One week; before t0 (the burn-in) without the wave and the timeline. */
  private advance(calendar: boolean): void {
    const w = this.world;
    w.week++;
    w.spark.fill(0);
    if (calendar) this.timeline.apply();
    const m1 = w.sc.mechanisms.M1;
    const wave = calendar && w.on.M1 && w.week - w.origin === this.waveStep;
    if (wave && m1.mode === 'given') {
      seedGivenWave(w);
      this.sweep.forcedWeek = w.week;
    }
    funnelWeek(w, this.sweep.actives);
    custodyWeek(w);
    ordinaryInflow(w);
    legitimacyWeek(w);
    drawSparks(w, this.timeline.scheduledSparks);
    if (wave && m1.mode === 'activation') {
      for (let r = 0; r < w.nRegions; r++) {
        w.hardshipFactor[r] = m1.shock;
        w.hardshipUntil[r] = Math.max(w.hardshipUntil[r], w.week);
        w.spark[r] += m1.spark;
      }
    }
    this.sweep.run();
    disperseSparks(w);
    this.applyActiveChanges();
    if (wave && m1.mode === 'activation') enlistActivated(w, this.sweep.actives);
    detectExplosions(w, this.sweep.actives);
    countUnrest(w);
    fadeSurge(w);
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

