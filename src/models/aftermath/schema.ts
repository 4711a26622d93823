import { z } from 'zod';

/**
 * Scenario file of the aftermath model (MODEL.md). Every parameter carries its unit, what it
 * means and where its value comes from ("assumed" when nobody measured it).
 */

interface Doc {
  unit?: string;
  source?: string;
}
const num = (def: number, description: string, d: Doc = {}) =>
  z.number().default(def).meta({ unit: d.unit ?? '1', description, source: d.source ?? 'assumed' });
const prob = (def: number, description: string, d: Doc = {}) =>
  z.number().min(0).max(1).default(def).meta({ unit: d.unit ?? 'probability', description, source: d.source ?? 'assumed' });
const nonneg = (def: number, description: string, d: Doc = {}) =>
  z.number().min(0).default(def).meta({ unit: d.unit ?? '1', description, source: d.source ?? 'assumed' });
const weeks = (def: number, description: string, d: Doc = {}) =>
  z.number().int().min(0).default(def).meta({ unit: 'weeks', description, source: d.source ?? 'assumed' });

export const ROLES = ['peaceful', 'armed', 'looters', 'organisers'] as const;
export type RoleName = (typeof ROLES)[number];
/** Per-role numbers, in the order of ROLES. */
const perRole = (def: readonly [number, number, number, number], description: string, d: Doc = {}, max = 1) =>
  z
    .strictObject({
      peaceful: z.number().min(0).max(max).default(def[0]),
      armed: z.number().min(0).max(max).default(def[1]),
      looters: z.number().min(0).max(max).default(def[2]),
      organisers: z.number().min(0).max(max).default(def[3]),
    })
    .prefault({})
    .meta({ unit: d.unit ?? 'probability', description, source: d.source ?? 'assumed' });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date such as 2022-01-03')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a valid calendar date');

const regionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and _').meta({ description: 'short identifier used in outputs and targets' }),
  name: z.string().meta({ description: 'display name' }),
  population: z.number().int().min(1).meta({ unit: 'people', description: 'residents', source: 'DATA.md / 2021 census' }),
  legitimacy: z.number().min(0).max(1).meta({ unit: 'share', description: 'legitimacy L perceived before January 2022 (Epstein)', source: 'assumed, calibrated to the pre-January protest-minded share' }),
  police: z.number().min(0).default(0.04).meta({ unit: 'cops per resident in view', description: 'Epstein cop density of the region', source: 'Epstein 2002 (0.04)' }),
  stopFactor: z.number().min(0).default(1).meta({ unit: 'x', description: 'regional factor on unrecorded stops per detention', source: 'assumed (the seed singles out Almaty city and region)' }),
});

const waveRow = z.strictObject({
  region: z.string().meta({ description: 'region id' }),
  peaceful: nonneg(0, 'peaceful protesters', { unit: 'people', source: 'assumed, sized to the detentions in DATA.md' }),
  armed: nonneg(0, 'armed attackers and leaders of seizures', { unit: 'people' }),
  looters: nonneg(0, 'looters', { unit: 'people' }),
  organisers: nonneg(0, 'organisers', { unit: 'people' }),
  killed: nonneg(0, 'killed during the wave', { unit: 'people', source: 'DATA.md (238 in all, 71 % in Almaty city)' }),
});

const destination = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string(),
  weight: nonneg(1, 'relative share of emigration attempts aimed here'),
  acceptance: prob(0.3, 'chance an attempt ends with entry'),
  asylum: prob(0, 'chance an entrant gets protection and stays'),
  cost: prob(0, 'hardship above which the move is unaffordable is 1 - cost', { unit: 'share' }),
  danger: prob(0, 'chance an entrant is returned or extradited and detained at home'),
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

export const aftermathSchema = z
  .strictObject({
    model: z.literal('aftermath'),
    name: z.string().optional(),
    description: z.string().optional(),
    t0: isoDate.default('2022-01-03').meta({ description: 'date of step 0 (a Monday)' }),
    horizon: z.number().int().min(1).default(520).meta({ unit: 'weeks', description: 'default run length' }),
    burnIn: z.number().int().min(0).max(2000).default(0).meta({
      unit: 'weeks',
      description: 'weeks run before t0, without the wave or the timeline, so that the stocks (prisons, list, radicals, organisers) start in their steady state; nothing is recorded and every count starts at t0',
    }),
    scale: z.number().int().min(1).default(100).meta({ unit: 'people per agent', description: '1 = one agent per resident' }),
    population: z
      .strictObject({
        householdSize: z.number().min(1).max(12).default(4).meta({ unit: 'people', description: 'mean household size', source: 'assumed (about 3.5-4 in Kazakhstan)' }),
        friends: z.number().int().min(0).max(20).default(2).meta({ unit: 'ties per agent', description: 'friendships each agent starts (mean degree twice this)', source: 'assumed' }),
        homophily: prob(0.9, 'share of friendships inside the own region', { unit: 'share' }),
        hardshipExponent: nonneg(1, 'hardship H = U^e (1: uniform as in Epstein)', { source: 'Epstein 2002' }),
        emigrationPerYear: nonneg(18700, 'non-political permanent emigration, a flow only (births and immigration keep the population)', {
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
        routineArrest: prob(0.02, 'weekly chance an active is detained outside a crackdown (recorded, no stops)'),
      })
      .prefault({}),
    mechanisms: z
      .strictObject({
        M1: z
          .strictObject({
            mode: z.enum(['given', 'activation']).default('given').meta({ unit: 'choice', description: 'participants given per region, or produced by Epstein activation after a shock', source: 'MODEL.md (M1)' }),
            date: isoDate.default('2022-01-05').meta({ unit: 'ISO date', description: 'date of the wave (events dated t0 happen in step 1)', source: 'DATA.md (2-11 January 2022)' }),
            participants: z.array(waveRow).default([]),
            evidence: perRole([0.6, 0.1, 0.7, 0.3], 'share who left digital evidence (filmed, phone)', { source: 'the seed (armed filmed nothing)' }),
            shock: nonneg(1, 'activation mode: hardship multiplier in the wave week (not calibrated; the given mode is)', { unit: 'x' }),
            spark: nonneg(3.5, 'activation mode: perceived actives added in the wave week (not calibrated)', { unit: 'people' }),
            killedPerActive: prob(0.005, 'activation mode: deaths per participant'),
          })
          .prefault({}),
        M2: z
          .strictObject({
            weeks: weeks(3, 'length of a crackdown'),
            surge: nonneg(3, 'police multiplier during a crackdown', { unit: 'x' }),
            capacity: nonneg(3000, 'most recorded detentions a region can process in a week', { unit: 'people per week' }),
            aftermathWeeks: weeks(26, 'weeks the surge takes to fade after a crackdown'),
            stopsPerDetention: nonneg(4, 'unrecorded stops per recorded detention', { unit: 'ratio', source: 'the seed: "greater by several fold"' }),
            stopsAmongTies: prob(0.3, 'share of stops falling on ties of the wanted'),
            adminWeeks: weeks(2, 'administrative arrest before release or charge', { source: 'DATA.md (3,314 administrative arrests)' }),
            killedPerActive: prob(0.003, 'deaths per active when a later explosion is put down', { source: 'assumed; January: 238 dead among tens of thousands of participants' }),
            harmDetained: nonneg(0.06, 'grievance added to the detained', { unit: 'grievance' }),
            harmStopped: nonneg(0.03, 'grievance added to the stopped', { unit: 'grievance' }),
            harmConvicted: nonneg(0.04, 'grievance added on conviction', { unit: 'grievance' }),
          })
          .prefault({}),
        M3: z
          .strictObject({
            identify: perRole([0.22, 0.25, 0.6, 0.45], 'chance a wave participant is detained in the crackdown, with evidence', { source: 'assumed, sized to ~9,900 detained (DATA.md); the 2022 fit identifies none of them alone (docs/calibration.md)' }),
            identifyNoEvidence: perRole([0.5, 0.25, 0.5, 0.5], 'factor on identification without evidence'),
            charge: perRole([0.35, 0.7, 0.6, 0.8], 'chance a detainee is charged (criminal case)', { source: 'assumed; DATA.md: ~5,300 criminal cases' }),
            convict: perRole([0.4, 0.6, 0.6, 0.8], 'chance a charged person with evidence is convicted', { source: 'assumed; DATA.md: 1,205 convicted in the first year' }),
            convictNoEvidence: perRole([0.6, 0.3, 0.6, 0.6], 'factor on conviction without evidence', { source: 'the seed: the armed are hard to convict' }),
            pooledIdentify: prob(0.22, 'identification chance when M3 is off (no role or evidence effect)'),
            pooledConvict: prob(0.45, 'conviction chance when M3 is off'),
            trialWeeksMin: weeks(6, 'earliest trial'),
            trialWeeksMax: weeks(80, 'latest trial', { source: 'assumed; DATA.md: 315 still under investigation after a year' }),
          })
          .prefault({}),
        M4: z
          .strictObject({
            harmTie: nonneg(0.01, 'grievance added to a household member of the harmed', { unit: 'grievance' }),
            friendWeight: nonneg(0.5, 'friend tie relative to a household tie'),
            hops: z.number().int().min(1).max(2).default(2).meta({ unit: 'ties', description: 'distance the spillover reaches', source: 'assumed' }),
            decay: prob(0.3, 'factor per further tie', { unit: 'share' }),
            halfLife: nonneg(260, 'half-life of harm-driven grievance', { unit: 'weeks' }),
          })
          .prefault({}),
        M5: z
          .strictObject({
            hardshipRate: nonneg(0.004, 'hardship added per week of restrictions', { unit: 'hardship/week' }),
            hardshipCap: nonneg(0.4, 'most hardship restrictions add', { unit: 'hardship' }),
            weeks: weeks(156, 'restrictions after a recorded detention, a charge or a release'),
            family: z.boolean().default(true).meta({ unit: 'yes/no', description: 'restrictions reach the household', source: 'the seed ("pressure exerted on them and their relatives")' }),
          })
          .prefault({}),
        M6: z
          .strictObject({
            local: nonneg(0.1, 'legitimacy lost per harmed resident share of the region in a week', { unit: 'share per share' }),
            national: nonneg(0.3, 'legitimacy lost everywhere per harmed share of the country in a week', { unit: 'share per share' }),
            despotism: nonneg(0.004, 'weekly legitimacy erosion per share of the country under repression (prisoners, outcasts, listed)', { unit: 'share per share per week' }),
            tieLoss: nonneg(0.005, 'perceived legitimacy lost per harmed household tie', { unit: 'share' }),
            recovery: prob(0, 'weekly return toward the initial legitimacy', { unit: 'share per week' }),
          })
          .prefault({}),
        M7: z
          .strictObject({
            skillRate: z
              .strictObject({ none: nonneg(0.3, 'skill per week'), crew: nonneg(1.5, 'skill per week'), sect: nonneg(1, 'skill per week'), bullied: nonneg(0.1, 'skill per week') })
              .prefault({})
              .meta({ unit: 'skill points per week', description: 'organising skill gained in prison by affiliation', source: 'assumed' }),
            organiserSkill: nonneg(60, 'skill at release that makes an organiser', { unit: 'skill points' }),
            thresholdDrop: nonneg(0.01, 'activation threshold lowered per organiser tie', { unit: 'grievance' }),
            perceivedBoost: nonneg(1.5, 'perceived actives added per organiser tie', { unit: 'people' }),
            listInitial: nonneg(1500, 'extremist and terrorist list at t0', { unit: 'people', source: 'the seed ("from one two thousand")' }),
            terrorCharge: perRole([0.05, 0.6, 0.35, 0.8], 'chance a conviction is on terrorism or extremism charges', { source: 'the seed (looters "terrorists only on paper")' }),
            listRadical: prob(0.004, 'weekly chance a free radical is convicted of extremism and listed'),
            listSect: prob(0.004, 'weekly chance a sect member in prison is listed'),
            listExit: prob(0.003, 'weekly chance a listed person is taken off the list (sentence served, appeal, death)', { source: 'assumed (about six years on the list on average)' }),
            organiserExit: prob(0.002, 'weekly chance a free organiser stops organising', { source: 'assumed (about ten years)' }),
          })
          .prefault({}),
        M8: z
          .strictObject({
            prisonShare: perRole([0.1, 0.5, 0.3, 0.7], 'share of convictions served in prison (rest: restricted liberty)', { source: 'DATA.md: 132 of 599 to prison' }),
            termWeeks: perRole([104, 416, 208, 520], 'prison term', { unit: 'weeks' }, 5200),
            attentionRelease: prob(0.01, 'weekly chance a peaceful prisoner is freed per unit of attention', { source: 'the seed (complaints, image)' }),
            attention: prob(0.5, 'international attention at t0', { unit: 'share' }),
            crewJoin: prob(0.8, 'chance an armed prisoner joins a crew'),
            sectRecruit: prob(0.0002, 'weekly chance a vulnerable inmate joins a sect', { source: 'assumed; Neumann 2010 on crowding' }),
            bullyRate: prob(0.02, 'weekly chance a vulnerable inmate becomes bullied'),
            bulliedFactor: nonneg(3, 'sect recruitment factor for the bullied', { unit: 'x' }),
            prisonPopulation: nonneg(30000, 'ordinary prisoners at t0 (kept steady by inflow)', { unit: 'people', source: 'DATA.md (about 30,000, Oct 2020)' }),
            ordinaryTermWeeks: weeks(156, 'mean term of ordinary prisoners'),
            sectInitial: prob(0.02, 'share of ordinary prisoners in sects at t0', { unit: 'share' }),
          })
          .prefault({}),
        M9: z
          .strictObject({
            peacefulRate: prob(0.02, 'weekly chance a protest-minded harmed or tied agent commits to peaceful protest'),
            radicalTieRate: prob(0.004, 'weekly chance of radicalising per tie to a released sect member or radical organiser'),
            radicalHarmRate: prob(0.001, 'weekly chance a directly harmed, protest-minded agent radicalises'),
            leaveRate: prob(0.01, 'weekly chance a committed agent who is no longer protest-minded leaves'),
            radicalRiskDiscount: prob(0.5, 'share of the arrest risk a radical ignores (N = R P (1 - d))', {
              unit: 'share',
              source: 'assumed; direction from Lichbach 1987 (repression deters non-violent dissent more than violent)',
            }),
          })
          .prefault({}),
        M10: z
          .strictObject({
            attemptRate: prob(0.002, 'weekly chance a pressured agent (outcast, listed, radical, harmed and protest-minded) tries to leave'),
            returnRate: prob(0.01, 'weekly chance an emigrant without asylum has to return'),
            destinations: z.array(destination).default([]),
          })
          .prefault({}),
        M11: z
          .strictObject({
            explosionShare: prob(0.003, 'active share of a region that makes an explosion', { unit: 'share' }),
            sparkRate: prob(0.0015, 'weekly chance of a local trigger in a region', { source: 'assumed (Zhanaozen 2011, January 2022: about one big trigger a decade)' }),
            sparkSize: nonneg(20, 'mean crowd a local trigger shows those caught up in it (exponential)', { unit: 'perceived actives' }),
            sparkReach: nonneg(2000, 'people a local trigger catches up, along ties from one resident', { unit: 'people', source: 'assumed (a workplace or a neighbourhood)' }),
            unrestSmall: nonneg(100, 'active people in a region that make an unrest event (the small class starts here)', { unit: 'people', source: 'assumed (a street protest the press reports)' }),
            unrestMedium: nonneg(1000, 'peak active people from which an unrest event is medium', { unit: 'people', source: 'assumed (Zhanaozen 2011: a strike of some thousands)' }),
            unrestLarge: nonneg(10000, 'peak active people from which an unrest event is large', { unit: 'people', source: 'assumed (January 2022: tens of thousands)' }),
          })
          .prefault({}),
      })
      .prefault({}),
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
    s.mechanisms.M1.participants.forEach((p, i) => check(p.region, ['mechanisms', 'M1', 'participants', i, 'region']));
    const dests = new Set(s.mechanisms.M10.destinations.map((d) => d.id));
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

export type AftermathScenario = z.output<typeof aftermathSchema>;
export type Intervention = AftermathScenario['interventions'][number];
export type Target = AftermathScenario['targets'][number];
export type RoleValues = { peaceful: number; armed: number; looters: number; organisers: number };

/** Week index of a date: the first step whose end (t0 + 7 step days) is on or after it. */
export function stepOf(t0: string, date: string): number {
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${t0}T00:00:00Z`)) / 86400000;
  return Math.max(0, Math.ceil(days / 7));
}

export function dateOf(t0: string, step: number): string {
  return new Date(Date.parse(`${t0}T00:00:00Z`) + step * 7 * 86400000).toISOString().slice(0, 10);
}
