import type { z } from 'zod';
import type { AnyColumnArray, ColumnSpec } from '../../engine/agents.js';
import type { Rng } from '../../engine/random.js';
import type { AftermathScenario } from './schema.js';
import type { IdList, World } from './state.js';
import type { ScheduledSpark } from './core/sparks.js';

/**
 * The contract of a mechanism (M1-M11 of MODEL.md, or a new one): what it adds to a week of
 * the core model. The core runs the state's machinery (custody, courts, prisons, the list,
 * Epstein's decision, the indicators); a mechanism plugs in at named stages of the week, reacts
 * to the core's events, may replace one of the core's rules, and may weigh into the decision.
 * A mechanism that is switched off is simply not in the plan: nothing else checks whether it is on.
 */
export interface Mechanism {
  /** As in MODEL.md: M1 ... M11 (a new mechanism takes the next free id). */
  readonly id: string;
  readonly name: string;
  /** The claim of the seed it turns into a rule, in a sentence. */
  readonly description: string;
  /** Its parameters (zod, every one with unit, default and source), at `mechanisms.<id>` of a scenario. */
  readonly params: z.ZodType;
  /**
   * Per-agent state it adds to the people's agent store (name -> kind), zero at the start.
   * The registry's own columns are in PEOPLE (state.ts), where the core reads them too.
   */
  readonly columns?: ColumnSpec;
  readonly stages?: Partial<Stages>;
  readonly on?: Partial<Events>;
  /** Rules it replaces while it is on. */
  readonly rules?: Partial<Rules>;
  /** Rules it leaves behind when it is switched off (instead of the core's defaults). */
  readonly offRules?: Partial<Rules>;
  /**
   * For a free agent who is not protest-minded: true when this mechanism's per-agent events
   * (orient, radical, exit) and its outcast rule would leave the agent as it is and draw
   * nothing, this week and every week until something touches it. Such an agent may rest
   * (touched.ts). A mechanism with those events or that rule but no `quiet` keeps everybody awake.
   */
  readonly quiet?: (w: World, i: number) => boolean;
  /** Its terms in the decision rule (absent terms weigh 0). */
  readonly weights?: (sc: AftermathScenario) => Partial<DecisionWeights>;
}

/** A mechanism with its id and parameter types kept, so the scenario schema can be built from the registry. */
export type MechanismOf<Id extends string, P extends z.ZodType> = Mechanism & { readonly id: Id; readonly params: P };

/** A mechanism's parameters in the world's scenario (for mechanisms outside the registry's types). */
export function paramsOf<P extends z.ZodType>(w: World, m: { readonly id: string; readonly params: P }): z.output<P> {
  return (w.sc.mechanisms as unknown as Record<string, z.output<P>>)[m.id];
}

/** A per-agent column a mechanism added (see Mechanism.columns). */
export function columnOf(w: World, name: string): AnyColumnArray {
  const column = (w.people.columns as unknown as Record<string, AnyColumnArray | undefined>)[name];
  if (!column) throw new Error(`no people column "${name}": declare it in the mechanism's columns`);
  return column;
}

/** What a stage knows about the week under way. */
export interface Week {
  /** False during the burn-in before t0: no calendar, no wave, no interventions. */
  readonly calendar: boolean;
  /** Agents active in the decision pass (last week's, before the pass of this week). */
  readonly actives: IdList;
  /** Local triggers the interventions set off this week. */
  readonly scheduledSparks: readonly ScheduledSpark[];
}

type Stage = (w: World, week: Week) => void;

/**
 * The stages of a week, in order. Between them the core runs custody and courts (after
 * `crackdown`), the decision pass (after `sparks`), and the explosion and unrest counts
 * (after `mobilised`). See docs/ARCHITECTURE.md.
 */
export interface Stages {
  /** t0: the clock starts; record what the mechanism measures change against. */
  start: (w: World) => void;
  /** Before anything else: a given wave of protest. */
  wave: Stage;
  /** The police act on the wanted and the active. */
  crackdown: Stage;
  /** Regional legitimacy answers this week's harm (the core then clears the harm counts). */
  legitimacy: Stage;
  /** Shocks and local triggers just before everybody decides. */
  sparks: Stage;
  /** Just after the decision pass: who turned out. */
  mobilised: Stage;
  /** End of the week: surges fade. */
  fade: Stage;
}
export const STAGES = ['wave', 'crackdown', 'legitimacy', 'sparks', 'mobilised', 'fade'] as const;

/** Events of the core; each mechanism that listens is called in registry order. */
export interface Events {
  /** Someone was harmed (detained, stopped, convicted, killed); the core has counted it. */
  harmed(w: World, i: number): void;
  /** The state restricts someone: for `weeks`, or for the usual term when undefined. */
  restricted(w: World, i: number, weeks: number | undefined): void;
  listed(w: World, i: number): void;
  delisted(w: World, i: number): void;
  /** An amnesty set someone free and clear. */
  pardoned(w: World, i: number): void;
  /** The state starts a crackdown in region r from a week on. */
  crackdown(w: World, r: number, fromWeek: number): void;
  /** An explosion in region r is put down: its actives are at risk. */
  putDown(w: World, r: number, actives: IdList): void;
  /** Region r passed the explosion threshold this week (counted by the core). */
  exploded(w: World, r: number, actives: IdList): void;
  /** Someone was put in prison at t0 (ordinary prisoners of the initial stock). */
  initialPrisoner(w: World, i: number, rng: Rng): void;
  /** Someone convicted was sent to prison. */
  imprisoned(w: World, i: number, rng: Rng): void;
  /** A week in prison; true sets the prisoner free at once. */
  prisonWeek(w: World, i: number, rng: Rng): boolean;
  /** A week in prison as a sect member. */
  sectWeek(w: World, i: number, rng: Rng): void;
  released(w: World, i: number): void;
  sectReleased(w: World, i: number): void;
  /** A free agent after its decision this week (the census has counted it). */
  orient(w: World, i: number, protestMinded: boolean): void;
  /** A free agent committed to radical action this week. */
  radical(w: World, i: number): void;
  /** A free agent at the end of its week: whether to leave. */
  exit(w: World, i: number, protestMinded: boolean, outcast: boolean): void;
  /** A week abroad. */
  abroad(w: World, i: number): void;
}
export const EVENTS = [
  'harmed', 'restricted', 'listed', 'delisted', 'pardoned', 'crackdown', 'putDown', 'exploded', 'initialPrisoner', 'imprisoned',
  'prisonWeek', 'sectWeek', 'released', 'sectReleased', 'orient', 'radical', 'exit', 'abroad',
] as const satisfies readonly (keyof Events)[];

/** Rules of the core that a mechanism may replace. */
export interface Rules {
  /** The chance a crackdown identifies a wanted participant over its whole length. */
  identifyChance(w: World, i: number): number;
  convictChance(w: World, i: number): number;
  /** Whether a trial is on extremism or terrorism charges (counted as a court case if so). */
  extremismCharge(w: World, i: number, rng: Rng): boolean;
  prisonShare(w: World, i: number): number;
  /** Mean sentence in weeks (terms are uniform on [m/2, 3m/2]). */
  termMean(w: World, i: number): number;
  /** One week of a free agent's restrictions; true when it is an outcast this week. */
  outcast(w: World, i: number, acting: boolean): boolean;
}

/** Terms of Epstein's decision that mechanisms add (all 0 in the bare rule). */
export interface DecisionWeights {
  /** Threshold drop per organiser tie. */
  organiserThresholdDrop: number;
  /** Extra perceived actives per organiser tie. */
  organiserCrowdBoost: number;
  /** Perceived actives per active tie. */
  activeTieWeight: number;
  /** Share of the arrest risk radicals discount. */
  radicalRiskDiscount: number;
}
