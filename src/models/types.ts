import type { z } from 'zod';
import type { Column, SteppableModel } from '../engine/model.js';
import type { ViewAdapter } from './view-adapter.js';

/** A switchable mechanism of a model (e.g. the aftermath model's M1-M11). */
export interface MechanismInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/** What one step of a model stands for, and where its calendar starts (if it has one). */
export interface StepClock {
  /** Singular unit of one step, e.g. "step" or "week". */
  readonly unit: string;
  /** ISO date of step 0, when the scenario has a calendar; undefined for abstract time. */
  startDate(scenario: unknown): string | undefined;
}

/** A parameter that may change while a run goes on (a schedule entry, a workbench slider). */
export interface LiveParameter {
  /** Scenario path, dotted (e.g. "legitimacy", "cops.density"). */
  readonly path: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

/**
 * What "headline" means for a model's attribution: stocks read at a step, and event counts
 * whose increase after `eventsAfterStep` is a new event (e.g. a new explosion after the wave).
 */
export interface AttributionTargets {
  readonly stocks: readonly string[];
  /** Read stocks at this step, capped at the run's length. */
  readonly stocksAtStep: number;
  readonly events?: {
    readonly indicator: string;
    /** Events up to this step belong to the opening and are not counted as new. */
    readonly afterStep: number;
    /** Steps after t0 at which P(at least one new event) is reported. */
    readonly atSteps: readonly number[];
    /**
     * Optional column giving, each step, P(a new event starts in this step | the state before
     * it), on the run's own path; with it the attribution estimates P(new event by T) by
     * conditional Monte Carlo (experiment/variance/compensator.ts) instead of the 0/1 indicator.
     */
    readonly hazard?: string;
  };
}

/**
 * A model as the faces and the experiment layer see it: a scenario schema, a factory and a
 * description of itself, so that no layer above needs the model's name to show or analyse it.
 * `S` is the parsed scenario (the whole YAML document, including `model:`).
 */
export interface ModelDefinition<S = any> {
  /** The scenario's `model:` value, e.g. "civil-violence". */
  readonly id: string;
  readonly title: string;
  /** zod schema of a whole scenario file for this model (defaults filled in by parsing). */
  readonly schema: z.ZodType<S>;
  /** Steps to run when the user gives none. */
  defaultSteps(scenario: S): number;
  /** Builds a fresh model; every random draw must come from generators seeded by `seed`. */
  create(scenario: S, seed: number, options?: CreateOptions): SteppableModel;
  readonly mechanisms?: readonly MechanismInfo[];
  /** The national series' columns (name, type, unit) without building a model. */
  columns(scenario: S): readonly Column[];
  /** The grouped (e.g. per region) series' columns, if the model has one; the recorder adds `step`. */
  groupColumns?(scenario: S): readonly Column[];
  /** The ids of its groups (e.g. region ids), in the order its grouped rows come. */
  groups?(scenario: S): readonly string[];
  readonly clock: StepClock;
  /** Series shown first in charts and summaries. */
  readonly defaultSeries: readonly string[];
  readonly liveParameters: readonly LiveParameter[];
  /** Name of the spatial view the workbench can draw for it (e.g. "lattice", "regions"). */
  readonly view?: string;
  /** What that view reads from a running model (lattice frames, inspection, live changes). */
  readonly viewAdapter?: ViewAdapter;
  readonly attribution?: AttributionTargets;
  /** How large one run of this scenario is, for the limits checked before a run starts. */
  footprint?(scenario: S): Footprint;
}

/**
 * Rough size of one run, known from the scenario before anything is built, so that an oversized
 * scenario (a typo in a grid side, a scale of 1) is refused up front (src/scenario/limits.ts).
 */
export interface Footprint {
  readonly agents: number;
  /** Lattice cells (0 for a model without a lattice). */
  readonly cells: number;
  /** Estimated memory of the built model, within a factor of two or so. */
  readonly bytes: number;
}

export interface CreateOptions {
  /** Mechanism ids switched off for this run (ablation), e.g. ["M7"]. */
  readonly disable?: readonly string[];
}
