import { z } from 'zod';

/**
 * Builders for documented parameters: every one carries its unit, what it means and where its
 * value comes from ("assumed" when nobody measured it). Shared by the scenario schema and the
 * mechanisms, which declare their own parameters.
 */
export interface Doc {
  unit?: string;
  source?: string;
}
export const num = (def: number, description: string, d: Doc = {}) =>
  z.number().default(def).meta({ unit: d.unit ?? '1', description, source: d.source ?? 'assumed' });
export const prob = (def: number, description: string, d: Doc = {}) =>
  z.number().min(0).max(1).default(def).meta({ unit: d.unit ?? 'probability', description, source: d.source ?? 'assumed' });
export const nonneg = (def: number, description: string, d: Doc = {}) =>
  z.number().min(0).default(def).meta({ unit: d.unit ?? '1', description, source: d.source ?? 'assumed' });
export const weeks = (def: number, description: string, d: Doc = {}) =>
  z.number().int().min(0).default(def).meta({ unit: 'weeks', description, source: d.source ?? 'assumed' });

export const ROLES = ['peaceful', 'armed', 'looters', 'organisers'] as const;
export type RoleName = (typeof ROLES)[number];
/** Per-role numbers, in the order of ROLES. */
export const perRole = (def: readonly [number, number, number, number], description: string, d: Doc = {}, max = 1) =>
  z
    .strictObject({
      peaceful: z.number().min(0).max(max).default(def[0]),
      armed: z.number().min(0).max(max).default(def[1]),
      looters: z.number().min(0).max(max).default(def[2]),
      organisers: z.number().min(0).max(max).default(def[3]),
    })
    .prefault({})
    .meta({ unit: d.unit ?? 'probability', description, source: d.source ?? 'assumed' });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date such as 2022-01-03')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a valid calendar date');

/** Week index of a date: the first step whose end (t0 + 7 step days) is on or after it. */
export function stepOf(t0: string, date: string): number {
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${t0}T00:00:00Z`)) / 86400000;
  return Math.max(0, Math.ceil(days / 7));
}

export function dateOf(t0: string, step: number): string {
  return new Date(Date.parse(`${t0}T00:00:00Z`) + step * 7 * 86400000).toISOString().slice(0, 10);
}
