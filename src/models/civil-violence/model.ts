import type { Cell, Column, SteppableModel } from '../../engine/model.js';
import { ActivationOrder, ParameterSchedule, type ParameterChange } from '../../engine/schedule.js';
import { citizenTurn, endOfTickJail } from './citizen.js';
import { copTurn } from './cop.js';
import { epsteinCitizenTurns } from './fast-epstein.js';
import { modelOneColumns, modelTwoColumns, observe } from './indicators.js';
import { interGroupTurn } from './model-two.js';
import type { CivilViolenceScenario } from './schema.js';
import { populate, setCopCount } from './setup.js';
import { CITIZEN, World } from './world.js';

/** What a test or a viewer may read of the agents at one moment (copies, live agents only). */
export interface CivilViolenceSnapshot {
  readonly step: number;
  readonly width: number;
  readonly height: number;
  readonly ids: Int32Array;
  /** 0 citizen, 1 cop. */
  readonly kind: Uint8Array;
  /** 0 quiet, 1 active, 2 jailed (citizens). */
  readonly state: Uint8Array;
  /** 0 blue, 1 green (Model II). */
  readonly group: Uint8Array;
  /** Cell (y * width + x); -1 while jailed off the lattice. */
  readonly cell: Int32Array;
  readonly hardship: Float64Array;
  readonly riskAversion: Float64Array;
}

export class CivilViolenceModel implements SteppableModel {
  stepCount = 0;
  readonly columns: readonly Column[];
  /** The model's state; exposed for tests and viewers, not for other models. */
  readonly world: World;
  private readonly schedule: ParameterSchedule;
  private readonly order: ActivationOrder;

  /**
   * `empty`: no agents are placed (tests build their own lattices). `general`: never use the
   * tight loop, so tests can check it against the general rules.
   */
  constructor(scenario: CivilViolenceScenario, seed: number, options: { empty?: boolean; general?: boolean } = {}) {
    this.world = new World(scenario, seed, { general: options.general });
    this.columns = this.world.variantTwo ? modelTwoColumns : modelOneColumns;
    this.schedule = new ParameterSchedule(scenario.schedule as ParameterChange[]);
    // Epstein: all citizens in random order, then all cops; the others: everyone in one order.
    this.order = new ActivationOrder(this.world.rules.order === 'grouped' ? 2 : 1, this.world.store.capacity);
    // Changes "at step 0" hold from the start, so the setup already uses them.
    this.applySchedule(0, false);
    if (!options.empty) {
      populate(this.world);
      // What the first step would otherwise build from the new population is setup work: the
      // activation order and the tight loop's quietFrom (step() still renews both when stale).
      this.rebuildOrder();
      if (this.world.tight) this.world.updateQuietFrom();
    }
  }

  private rebuildOrder(): void {
    const w = this.world;
    if (!w.populationChanged) return;
    this.order.rebuild(w.store.alive, w.store.highWater, this.order.blocks === 2 ? w.kind : undefined);
    w.populationChanged = false;
  }

  step(): void {
    const w = this.world;
    if (w.variantTwo) w.reserve(w.nCitizens);
    this.rebuildOrder();
    this.order.shuffle(w.rng);
    const ids = this.order.ids;
    const kind = w.kind;
    let i = 0;
    if (w.tight) {
      epsteinCitizenTurns(w, ids, 0, this.order.bounds[1]);
      i = this.order.bounds[1];
    }
    for (; i < this.order.length; i++) {
      const id = ids[i];
      // Killed earlier in this step (Model II) or removed: dead agents do not act.
      if (w.store.alive[id] !== 1) continue;
      if (kind[id] === CITIZEN) {
        citizenTurn(w, id);
        if (w.variantTwo) interGroupTurn(w, id);
      } else copTurn(w, id);
    }
    if (w.rules.jail === 'on-cell-open') endOfTickJail(w);
    this.stepCount++;
    this.applySchedule(this.stepCount, true);
    w.store.recycle();
  }

  observe(row: Cell[]): void {
    observe(this.world, row);
  }

  snapshot(): CivilViolenceSnapshot {
    const w = this.world;
    const ids = new Int32Array(w.store.highWater);
    const n = w.store.liveIds(ids);
    const pick = <T extends Uint8Array | Int32Array | Float64Array>(src: T, make: (n: number) => T): T => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = src[ids[i]];
      return out;
    };
    return {
      step: this.stepCount,
      width: w.torus.width,
      height: w.torus.height,
      ids: ids.slice(0, n),
      kind: pick(w.kind, (k) => new Uint8Array(k)),
      state: pick(w.state, (k) => new Uint8Array(k)),
      group: pick(w.group, (k) => new Uint8Array(k)),
      cell: pick(w.cell, (k) => new Int32Array(k)),
      hardship: pick(w.hardship, (k) => new Float64Array(k)),
      riskAversion: pick(w.riskAversion, (k) => new Float64Array(k)),
    };
  }

  private populated = false;
  private readonly readParam = (p: string): number => (p === 'legitimacy' ? this.world.legitimacy : this.world.copDensity);
  private readonly writeParam = (p: string, v: number): void => {
    if (p === 'legitimacy') this.world.legitimacy = v;
    else if (this.populated) setCopCount(this.world, v);
    // Before setup the density only decides how many cops are placed.
    else this.world.copDensity = v;
  };

  private applySchedule(step: number, populated: boolean): void {
    if (this.schedule.isEmpty) return;
    this.populated = populated;
    this.schedule.apply(step, this.readParam, this.writeParam);
  }
}
