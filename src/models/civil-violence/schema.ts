import { z } from 'zod';
import { neighbourhood } from '../../engine/neighbourhood.js';
import { ruleSets } from './rules.js';

/**
 * The scenario file of Epstein's civil violence model. Defaults are Run 2 of the paper (the
 * reference run, Model I, rule set epstein2002); see scenarios/epstein/ for all eight runs.
 */

const share = (description: string, unit = 'share') => z.number().min(0).max(1).meta({ unit, description });

export const RULE_SETS = ['epstein2002', 'netlogo', 'mesa'] as const;
export type RuleSetName = (typeof RULE_SETS)[number];

export const SCHEDULED_PARAMS = ['legitimacy', 'cops.density'] as const;
export type ScheduledParam = (typeof SCHEDULED_PARAMS)[number];

const scheduleEntry = z
  .strictObject({
    param: z.enum(SCHEDULED_PARAMS).meta({ description: 'the parameter to change' }),
    at: z.number().int().min(0).optional().meta({ unit: 'steps', description: 'jump: the step at which `value` takes effect (0 = setup)' }),
    value: z.number().optional().meta({ description: 'jump: the new value' }),
    from: z.number().int().min(0).optional().meta({ unit: 'steps', description: 'ramp: the step it starts from (its value then is the start)' }),
    every: z.number().int().min(1).optional().meta({ unit: 'steps', description: 'ramp: steps between changes; the first change is at from + every' }),
    by: z.number().optional().meta({ description: 'ramp: the change each time (negative to fall)' }),
    until: z.number().optional().meta({ description: 'ramp: the bound it stops at' }),
  })
  .superRefine((e, ctx) => {
    const jump = e.at !== undefined || e.value !== undefined;
    const ramp = e.from !== undefined || e.every !== undefined || e.by !== undefined || e.until !== undefined;
    const need = (keys: readonly (keyof typeof e)[]) => {
      for (const k of keys) if (e[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `required for a ${jump ? 'jump' : 'ramp'}` });
    };
    if (jump && ramp) ctx.addIssue({ code: 'custom', path: [], message: 'give either at/value (a jump) or from/every/by/until (a ramp), not both' });
    else if (jump) need(['at', 'value']);
    else if (ramp) need(['from', 'every', 'by', 'until']);
    else ctx.addIssue({ code: 'custom', path: [], message: 'give at/value (a jump) or from/every/by/until (a ramp)' });
    for (const k of ['value', 'until'] as const) {
      const v = e[k];
      if (v !== undefined && !(v >= 0 && v <= 1)) ctx.addIssue({ code: 'custom', path: [k], message: `${e.param} must stay within 0..1` });
    }
  })
  .meta({ description: 'a change of legitimacy or cop density during the run' });

export const civilViolenceSchema = z
  .strictObject({
    model: z.literal('civil-violence').meta({ description: 'which model this scenario is for' }),
    name: z.string().optional().meta({ description: 'short name of the scenario' }),
    description: z.string().optional().meta({ description: 'what the scenario shows' }),
    variant: z.enum(['I', 'II']).default('I').meta({ description: 'Model I (rebellion against a central authority) or Model II (inter-group violence)' }),
    rules: z
      .enum(RULE_SETS)
      .default('epstein2002')
      .meta({ description: "rule set: Epstein's own code (epstein2002), NetLogo's Rebellion (netlogo) or Mesa's epstein_civil_violence (mesa)" }),
    steps: z.number().int().min(0).default(500).meta({ unit: 'iterations', description: 'default run length' }),
    grid: z
      .strictObject({
        width: z.number().int().min(1).default(40).meta({ unit: 'cells', description: 'torus width' }),
        height: z.number().int().min(1).default(40).meta({ unit: 'cells', description: 'torus height' }),
      })
      .default({ width: 40, height: 40 })
      .meta({ description: 'the lattice (a torus)' }),
    citizens: z
      .strictObject({ density: share('initial citizens per cell').default(0.7) })
      .default({ density: 0.7 })
      .meta({ description: 'the population' }),
    cops: z
      .strictObject({ density: share('cops per cell').default(0.04) })
      .default({ density: 0.04 })
      .meta({ description: 'the police' }),
    vision: z
      .strictObject({
        citizen: z.number().positive().default(7).meta({ unit: 'cells', description: 'how far a citizen sees' }),
        cop: z.number().positive().default(7).meta({ unit: 'cells', description: 'how far a cop sees' }),
      })
      .default({ citizen: 7, cop: 7 })
      .meta({ description: 'vision radii (metric per rule set)' }),
    legitimacy: share("the regime's legitimacy L", 'share').default(0.82),
    threshold: share('T: a citizen turns active when grievance minus net risk exceeds it', 'share').default(0.1),
    grievance_includes_threshold_factor: z
      .boolean()
      .optional()
      .meta({
        description:
          "whether grievance is H (1 - L) (1 - T), as in Epstein's code, instead of the paper's H (1 - L); default: true for epstein2002, false for netlogo and mesa",
      }),
    k: z.number().positive().default(2.302585).meta({ unit: '1/cop', description: 'arrest probability constant: P = 1 - exp(-k floor(C / (A + 1)))' }),
    jail: z
      .strictObject({
        max_term: z
          .union([z.number().int().min(0), z.literal(Infinity)])
          .default(30)
          .meta({ unit: 'iterations', description: 'Jmax: longest jail term (integer >= 0, or .inf: never released)' }),
      })
      .default({ max_term: 30 })
      .meta({ description: 'jail terms' }),
    citizens_move: z.boolean().default(true).meta({ description: 'whether free citizens move (false in Run 1)' }),
    reproduction: z
      .strictObject({ probability: share('Model II: chance per iteration that an agent places a copy of itself', 'per iteration').default(0.05) })
      .default({ probability: 0.05 })
      .meta({ description: 'Model II births' }),
    age: z
      .strictObject({ max: z.number().int().min(0).default(200).meta({ unit: 'iterations', description: 'Model II: an agent dies when its age passes this' }) })
      .default({ max: 200 })
      .meta({ description: 'Model II ageing' }),
    schedule: z.array(scheduleEntry).default([]).meta({ description: 'changes of legitimacy and cop density during the run' }),
  })
  .superRefine((s, ctx) => {
    if (s.citizens.density + s.cops.density > 1 + 1e-12) {
      ctx.addIssue({ code: 'custom', path: ['cops', 'density'], message: `citizen density ${s.citizens.density} plus cop density ${s.cops.density} exceeds 1` });
    }
    for (const who of ['citizen', 'cop'] as const) {
      const cells = visionCells(s.rules, s.vision[who], s.grid);
      if (cells > MAX_VISION_CELLS) {
        ctx.addIssue({ code: 'custom', path: ['vision', who], message: `covers ${cells} cells; at most ${MAX_VISION_CELLS} are supported` });
      }
    }
  });

/** The census packs cop and active counts in 16 bits each. */
const MAX_VISION_CELLS = 65535;

function visionCells(rules: RuleSetName, radius: number, grid: { width: number; height: number }): number {
  const side = 2 * Math.floor(radius) + 1;
  // Only a vision that might be too large is worth building.
  if (Math.min(side * side, grid.width * grid.height) <= MAX_VISION_CELLS) return 0;
  const r = ruleSets[rules];
  return neighbourhood({ shape: r.visionShape, radius, includeSelf: r.visionIncludesSelf, torus: grid }).size;
}

export type CivilViolenceScenario = z.output<typeof civilViolenceSchema>;
export type CivilViolenceInput = z.input<typeof civilViolenceSchema>;
