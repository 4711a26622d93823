import type { z } from 'zod';
import type { SteppableModel } from '../engine/model.js';

/** A switchable mechanism of a model (e.g. the aftermath model's M1-M11). */
export interface MechanismInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

/**
 * A model as the faces and the experiment layer see it: a scenario schema and a factory.
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
}

export interface CreateOptions {
  /** Mechanism ids switched off for this run (ablation), e.g. ["M7"]. */
  readonly disable?: readonly string[];
}
