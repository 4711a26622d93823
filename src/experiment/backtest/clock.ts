import type { StepClock } from '../../models/types.js';

/** Days in one step of a model's clock, for the units a calendar can map exactly. */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { day: 1, week: 7 };

const DAY_MS = 86_400_000;

/** Days from `start` to `date` (both ISO dates), negative when `date` is earlier. */
export function daysBetween(start: string, date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS;
}

/**
 * Where a date falls on a model's clock, in steps from its start date (fractional, negative
 * before the start), or a reason why it cannot be placed.
 */
export function stepPosition(clock: StepClock, scenario: unknown, date: string): { position: number } | { reason: string } {
  const start = clock.startDate(scenario);
  if (start === undefined) return { reason: 'the model has no calendar (its steps have no dates); give time as a step number' };
  const perStep = DAYS_PER_UNIT[clock.unit];
  if (perStep === undefined) return { reason: `dates cannot be mapped onto steps of one ${clock.unit}` };
  return { position: daysBetween(start, date) / perStep };
}

/**
 * The step an observation dated `date` is compared with: the first step on or after it (a step
 * reports the state at its date), as the scenario targets do.
 */
export function stepOfDate(clock: StepClock, scenario: unknown, date: string): { step: number } | { reason: string } {
  const p = stepPosition(clock, scenario, date);
  if ('reason' in p) return p;
  if (p.position < 0) return { reason: `dated before the scenario's start (${clock.startDate(scenario)}): not a forecast` };
  // 1e-9 absorbs the float error of a whole number of weeks; + 0 turns -0 into 0.
  return { step: Math.ceil(p.position - 1e-9) + 0 };
}
