import { z } from 'zod';
import type { Mechanism } from './mechanism.js';
import { MECHANISMS } from './mechanisms/index.js';
import { ROLES, isoDate, nonneg, num, prob } from './params.js';

export { ROLES, dateOf, stepOf, type RoleName } from './params.js';

/**
 * Scenario file of the aftermath model (MODEL.md). Every parameter carries its unit, what it
 * means and where its value comes from ("assumed" when nobody measured it).
 */

const regionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _').meta({ description: 'short identifier used in outputs and targets' }),
  name: z.string().meta({ description: 'display name' }),
  population: z.number().int().min(1).meta({ unit: 'people', description: 'residents', source: 'DATA.md / 2021 census' }),
  legitimacy: z.number().min(0).max(1).meta({ unit: 'share', description: 'legitimacy L perceived before January 2022 (Epstein)', source: 'assumed, calibrated to the pre-January protest-minded share' }),
  police: z.number().min(0).default(0.04).meta({ unit: 'cops per resident in view', description: 'Epstein cop density of the region', source: 'Epstein 2002 (0.04)' }),
  stopFactor: z.number().min(0).default(1).meta({ unit: 'x', description: 'regional factor on unrecorded stops per detention', source: 'assumed (the seed singles out Almaty city and region)' }),
});



const allRegions = z.array(z.string()).optional().meta({ description: 'region ids (all regions when absent)' });
const intervention = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('amnesty'),
    date: isoDate,
    count: z.number().int().min(0).meta({ unit: 'people', description: 'how many are amnestied at most' }),
    roles: z.array(z.enum(ROLES)).default(['peaceful', 'looters']).meta({ description: 'roles eligible' }),
    excludeListed: z.boolean().default(true).meta({ description: 'terrorism and extremism convicts excluded' }),
    excludeOrganisers: z.boolean().default(true).meta({ description: 'organisers excluded' }),
  }),
  z.strictObject({ type: z.literal('repression'), date: isoDate, regions: allRegions, intensity: z.number().min(0).meta({ unit: 'x', description: 'multiplier of police presence from this date' }) }),
  z.strictObject({ type: z.literal('legitimacy'), date: isoDate, regions: allRegions, change: z.number().min(-1).max(1).meta({ unit: 'share', description: 'added to legitimacy (a reform is positive)' }) }),
  z.strictObject({
    type: z.literal('destination'),
    date: isoDate,
    destination: z.string(),
    acceptance: z.number().min(0).max(1).optional(),
    asylum: z.number().min(0).max(1).optional(),
    danger: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({ type: z.literal('hardship'), date: isoDate, regions: allRegions, factor: z.number().min(0).meta({ unit: 'x', description: 'hardship multiplier' }), weeks: z.number().int().min(1).default(1).meta({ unit: 'weeks' }) }),
  z.strictObject({ type: z.literal('attention'), date: isoDate, level: z.number().min(0).max(1).meta({ unit: 'share', description: 'international attention (helps peaceful prisoners)' }) }),
  z.strictObject({
    type: z.literal('spark'),
    date: isoDate,
    regions: allRegions,
    size: z.number().min(0).meta({ unit: 'perceived actives', description: 'a local trigger (strike, local abuse) for one week: the crowd those caught up in it see' }),
    reach: z.number().min(1).optional().meta({ unit: 'people', description: 'people caught up in it, along ties from one resident (default M11.sparkReach)' }),
  }),
]);

const point = z.strictObject({
  indicator: z.string().meta({ description: 'a national column' }),
  at: isoDate.meta({ description: 'date; the first week ending on or after it' }),
});
const targetCommon = {
  id: z.string().meta({ description: 'short name of the target' }),
  claim: z.string().optional().meta({ description: 'what is claimed or observed, in words' }),
  role: z.enum(['calibration', 'validation']).default('calibration').meta({
    description: 'calibration: the scenario was fitted or sized to it; validation: kept out of that, a test of the scenario',
  }),
  source: z.string().optional().meta({ description: 'where the observed range comes from (publication, date)' }),
  min: z.number().optional().meta({ description: 'low end of the observed range; the target holds when the range overlaps the 90 % interval of the runs' }),
  max: z.number().optional().meta({ description: 'high end of the observed range' }),
};
const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('value'), ...targetCommon, indicator: z.string(), at: isoDate }),
  z.strictObject({ kind: z.literal('ratio'), ...targetCommon, numerator: point, denominator: point }),
  z.strictObject({
    kind: z.literal('largest_share'),
    id: targetCommon.id,
    claim: targetCommon.claim,
    role: targetCommon.role,
    source: targetCommon.source,
    indicator: z.string().meta({ description: 'a per-region column' }),
    at: isoDate,
    group: z.array(z.string()).min(1).meta({ description: 'regions counted together; they must hold a larger share than any other region' }),
  }),
]);

/** The parameters of each mechanism, under its id. */
type ParamsOf<L extends readonly Mechanism[]> = { [M in L[number] as M['id']]: M['params'] };

function paramsShape<const L extends readonly Mechanism[]>(mechanisms: L): ParamsOf<L> {
  return Object.fromEntries(mechanisms.map((m) => [m.id, m.params])) as ParamsOf<L>;
}

/** What the cross-field checks read of M1 and M10, when those mechanisms are in the list. */
interface Checked {
  M1?: { participants: { region: string }[] };
  M10?: { destinations: { id: string }[] };
}

/**
 * The schema of a scenario for a list of mechanisms: the registry's (`aftermathSchema`), or the
 * registry plus a mechanism being tried out (see test/aftermath/plug-in-mechanism.test.ts).
 */
export function scenarioSchema<const L extends readonly Mechanism[]>(mechanisms: L) {
  return z
  .strictObject({
    model: z.literal('aftermath'),
    name: z.string().optional(),
    description: z.string().optional(),
    t0: isoDate.default('2022-01-03').meta({ description: 'date of step 0 (a Monday)' }),
    horizon: z.number().int().min(1).default(520).meta({ unit: 'weeks', description: 'default run length' }),
    burnIn: z.number().int().min(0).max(5200).default(2000).meta({
      unit: 'weeks',
      description: 'weeks run before t0, without the wave or the timeline, so that the stocks (prisons, list, radicals, organisers) start in their steady state; nothing is recorded and every count starts at t0',
      source: 'calibrated (stage 0, docs/calibration.md): after 2,000 weeks no stock of the quiet world drifts beyond noise',
    }),
    scale: z.number().int().min(1).default(100).meta({ unit: 'people per agent', description: '1 = one agent per resident' }),
    population: z
      .strictObject({
        householdSize: z.number().min(1).max(12).default(4).meta({ unit: 'people', description: 'mean household size', source: 'assumed (about 3.5-4 in Kazakhstan)' }),
        friends: z.number().int().min(0).max(20).default(2).meta({ unit: 'ties per agent', description: 'friendships each agent starts (mean degree twice this)', source: 'assumed' }),
        homophily: prob(0.9, 'share of friendships inside the own region', { unit: 'share' }),
        hardshipExponent: nonneg(1, 'hardship H = U^e (1: uniform as in Epstein)', { source: 'Epstein 2002' }),
        emigrationPerYear: nonneg(18000, 'non-political permanent emigration, a flow only (births and immigration keep the population)', {
          unit: 'people per year',
          source: 'calibrated (posterior median, experiments/aftermath-calibration.yaml, weakly identified)',
        }),
      })
      .prefault({}),
    regions: z.array(regionSchema).min(1).max(250),
    epstein: z
      .strictObject({
        threshold: num(0.1, 'activation threshold T', { source: 'Epstein 2002' }),
        k: num(2.302585, 'arrest-probability constant k = -ln 0.1', { source: 'Epstein 2002' }),
        vision: nonneg(100, 'residents one sees around oneself (scales cops and active shares into counts)', { unit: 'people' }),
        tieWeight: nonneg(1, 'perceived actives per active tie (M11 cascade)', { unit: 'people' }),
        routineArrest: prob(0.001, 'weekly chance an active is detained outside a crackdown (recorded, no stops)', {
          source: 'calibrated (stage 0, docs/calibration.md): a level pre-2022 world bounds routineArrest x M4.halfLife below about 0.5',
        }),
      })
      .prefault({}),
    // Each mechanism's parameters have their own prefault, so an empty block is always valid.
    mechanisms: z.strictObject(paramsShape(mechanisms)).prefault({} as never),
    interventions: z.array(intervention).default([]),
    targets: z.array(target).default([]),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.regions.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'id'], message: `region id "${r.id}" is used twice` });
      ids.add(r.id);
    });
    const check = (id: string, path: (string | number)[]) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `unknown region "${id}"; regions are ${[...ids].join(', ')}` });
    };
    const m = s.mechanisms as Checked;
    m.M1?.participants.forEach((p, i) => check(p.region, ['mechanisms', 'M1', 'participants', i, 'region']));
    const dests = new Set(m.M10?.destinations.map((d) => d.id));
    s.interventions.forEach((iv, i) => {
      if ('regions' in iv && iv.regions) iv.regions.forEach((r, j) => check(r, ['interventions', i, 'regions', j]));
      if (iv.type === 'destination' && !dests.has(iv.destination))
        ctx.addIssue({ code: 'custom', path: ['interventions', i, 'destination'], message: `unknown destination "${iv.destination}"` });
      if (Date.parse(iv.date) < Date.parse(s.t0)) ctx.addIssue({ code: 'custom', path: ['interventions', i, 'date'], message: `before t0 (${s.t0})` });
    });
    s.targets.forEach((t, i) => {
      if (t.kind === 'largest_share') t.group.forEach((r, j) => check(r, ['targets', i, 'group', j]));
    });
  });

}

export const aftermathSchema = scenarioSchema(MECHANISMS);
export type AftermathScenario = z.output<typeof aftermathSchema>;
export type Intervention = AftermathScenario['interventions'][number];
export type Target = AftermathScenario['targets'][number];
export type RoleValues = { peaceful: number; armed: number; looters: number; organisers: number };
