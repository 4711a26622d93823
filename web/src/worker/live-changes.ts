import type { LiveChange } from '../protocol.js';

/** The document with changes appended to its schedule (a copy; the input is untouched). */
export function withJumps(doc: unknown, jumps: readonly LiveChange[]): Record<string, unknown> {
  const copy = structuredClone(doc ?? {}) as Record<string, unknown>;
  const schedule = Array.isArray(copy.schedule) ? copy.schedule : [];
  copy.schedule = [...schedule, ...jumps.map((j) => ({ param: j.param, at: j.at, value: j.value }))];
  return copy;
}
