import { CivilViolenceModel } from '../../../src/models/civil-violence/model.js';
import { SCHEDULED_PARAMS } from '../../../src/models/civil-violence/schema.js';
import type { SteppableModel } from '../../../src/engine/model.js';

/** A parameter changed while the model runs; recorded as the scenario's own schedule entry. */
export interface ScheduleJump {
  readonly param: string;
  readonly at: number;
  readonly value: number;
}

/** Parameters the page may change during a run: those the model's schedule can change. */
export function liveParameters(modelId: string): readonly string[] {
  return modelId === 'civil-violence' ? SCHEDULED_PARAMS : [];
}

/** The document with jumps appended to its schedule (a copy; the input is untouched). */
export function withJumps(doc: unknown, jumps: readonly ScheduleJump[]): Record<string, unknown> {
  const copy = structuredClone(doc ?? {}) as Record<string, unknown>;
  const schedule = Array.isArray(copy.schedule) ? copy.schedule : [];
  copy.schedule = [...schedule, ...jumps.map((j) => ({ param: j.param, at: j.at, value: j.value }))];
  return copy;
}

/**
 * Applies jumps to the running model where that is exactly what its schedule would have done.
 * A legitimacy jump is a plain assignment, as in the model's own schedule. A change of cop
 * density adds or removes cops, and where that falls within the step affects later agent ids,
 * so the run is rebuilt from its scenario instead (see Session); this returns false for it.
 */
export function applyInPlace(model: SteppableModel, jumps: readonly ScheduleJump[]): boolean {
  if (!(model instanceof CivilViolenceModel) || jumps.some((j) => j.param !== 'legitimacy')) return false;
  for (const j of jumps) model.world.legitimacy = j.value;
  return true;
}
