import { z } from 'zod';
import { prob, nonneg, perRole, isoDate } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { requestCrackdown } from '../core/custody.js';
import { kill } from '../core/harm.js';
import { makeOrganiser } from '../core/records.js';
import { stepOf } from '../params.js';
import { ARMED, EVIDENCE, FREE, IdList, LOOTER, NO_ROLE, ORGANISER_ROLE, PEACEFUL, WANTED, byRole, stochasticRound, touch, type World } from '../state.js';

const waveRow = z.strictObject({
  region: z.string().meta({ description: 'region id' }),
  peaceful: nonneg(0, 'peaceful protesters', { unit: 'people', source: 'assumed, sized to the detentions in DATA.md' }),
  armed: nonneg(0, 'armed attackers and leaders of seizures', { unit: 'people' }),
  looters: nonneg(0, 'looters', { unit: 'people' }),
  organisers: nonneg(0, 'organisers', { unit: 'people' }),
  killed: nonneg(0, 'killed during the wave', { unit: 'people', source: 'DATA.md (238 in all, 71 % in Almaty city)' }),
});

/** M1's parameters, under `mechanisms.M1` of a scenario. */
export const params = z
  .strictObject({
    mode: z.enum(['given', 'activation']).default('given').meta({ unit: 'choice', description: 'participants given per region, or produced by Epstein activation after a shock', source: 'MODEL.md (M1)' }),
    date: isoDate.default('2022-01-05').meta({ unit: 'ISO date', description: 'date of the wave (events dated t0 happen in step 1)', source: 'DATA.md (2-11 January 2022)' }),
    participants: z.array(waveRow).default([]),
    evidence: perRole([0.6, 0.1, 0.7, 0.3], 'share who left digital evidence (filmed, phone)', { source: 'the seed (armed filmed nothing)' }),
    shock: nonneg(1, 'activation mode: hardship multiplier in the wave week (not calibrated; the given mode is)', { unit: 'x' }),
    spark: nonneg(3.5, 'activation mode: perceived actives added in the wave week (not calibrated)', { unit: 'people' }),
    killedPerActive: prob(0.005, 'activation mode: deaths per participant'),
  })
  .prefault({});

/**
 * M1 wave: the January 2022 participants by role and region, either given as numbers or
 * produced by Epstein activation after a hardship shock (the fuel-price rise); then the deaths
 * and the start of the crackdown.
 */
export const m1: MechanismOf<'M1', typeof params> = {
  id: 'M1',
  name: 'wave',
  description: 'the January 2022 wave: participants by role and region (given, or by Epstein activation after a hardship shock), the dead, the start of the crackdown',
  params,
  stages: {
    wave: (w, week) => {
      if (!isWaveWeek(w, week.calendar) || w.sc.mechanisms.M1.mode !== 'given') return;
      seedGivenWave(w);
      w.forcedWeek = w.week;
    },
    sparks: (w, week) => {
      const m1 = w.sc.mechanisms.M1;
      if (!isWaveWeek(w, week.calendar) || m1.mode !== 'activation') return;
      for (let r = 0; r < w.nRegions; r++) {
        w.hardshipFactor[r] = m1.shock;
        w.hardshipUntil[r] = Math.max(w.hardshipUntil[r], w.week);
        w.spark[r] += m1.spark;
      }
    },
    mobilised: (w, week) => {
      if (isWaveWeek(w, week.calendar) && w.sc.mechanisms.M1.mode === 'activation') enlistActivated(w, week.actives);
    },
  },
};

function isWaveWeek(w: World, calendar: boolean): boolean {
  return calendar && w.week - w.origin === Math.max(1, stepOf(w.sc.t0, w.sc.mechanisms.M1.date));
}

const ROLE_CODES = [PEACEFUL, ARMED, LOOTER, ORGANISER_ROLE] as const;
const ROLE_FIELDS = ['peaceful', 'armed', 'looters', 'organisers'] as const;

export function seedGivenWave(w: World): void {
  const p = w.sc.mechanisms.M1;
  const rng = w.rng.wave;
  const regionIndex = new Map(w.sc.regions.map((r, i) => [r.id, i]));
  // Systematic sampling of the deaths: one draw for the whole country, so that the national
  // toll stays within one agent of its figure however coarse the scale.
  const u = rng.random();
  let cumulative = 0;
  for (const row of p.participants) {
    const r = regionIndex.get(row.region)!;
    const a = w.regionStart[r];
    const len = w.regionStart[r + 1] - a;
    const chosen = new IdList(64);
    const need = ROLE_FIELDS.map((f) => stochasticRound(row[f] / w.scale, rng));
    const total = need.reduce((x, y) => x + y, 0);
    // The aggrieved come out first: draw from the hardest-pressed part of the region.
    const pool = Math.min(len, Math.max(total * 4, Math.round(len * 0.05)));
    for (let k = 0; k < ROLE_CODES.length; k++) {
      for (let c = 0; c < need[k]; c++) {
        let i = -1;
        for (let tries = 0; tries < 64 && i < 0; tries++) {
          const j = a + rng.int(pool);
          if (w.role[j] === NO_ROLE && w.status[j] === FREE) i = j;
        }
        if (i < 0) break;
        enlist(w, i, ROLE_CODES[k]);
        chosen.push(i);
      }
    }
    const before = cumulative;
    cumulative += row.killed / w.scale;
    killAmong(w, chosen, Math.floor(cumulative + u) - Math.floor(before + u));
    // The participants act in the wave week; the crackdown answers from the next one.
    if (total > 0) requestCrackdown(w, r, w.week + 1);
  }
}

/** Activation mode: whoever turned active in the wave week becomes a participant. */
export function enlistActivated(w: World, actives: IdList): void {
  const p = w.sc.mechanisms.M1;
  const rng = w.rng.wave;
  const perRegion = new Float64Array(w.nRegions);
  const chosen = new IdList(64);
  for (let c = 0; c < actives.size; c++) {
    const i = actives.ids[c];
    const x = rng.random();
    // Role shares of the given default: mostly peaceful, a fifth looters, few armed and organisers.
    const role = x < 0.7 ? PEACEFUL : x < 0.9 ? LOOTER : x < 0.98 ? ARMED : ORGANISER_ROLE;
    enlist(w, i, role);
    chosen.push(i);
    perRegion[w.region[i]]++;
  }
  killAmong(w, chosen, stochasticRound(chosen.size * p.killedPerActive, rng));
  for (let r = 0; r < w.nRegions; r++) if (perRegion[r] > 0) requestCrackdown(w, r, w.week + 1);
}

function enlist(w: World, i: number, role: number): void {
  const rng = w.rng.wave;
  w.role[i] = role;
  touch(w, i);
  w.flags[i] |= WANTED;
  w.wanted.push(i);
  if (rng.random() < byRole(w.sc.mechanisms.M1.evidence, role)) w.flags[i] |= EVIDENCE;
  if (role === ORGANISER_ROLE) makeOrganiser(w, i);
}

function killAmong(w: World, chosen: IdList, deaths: number): void {
  const rng = w.rng.wave;
  for (let d = 0; d < deaths && chosen.size > 0; d++) {
    const c = rng.int(chosen.size);
    const i = chosen.ids[c];
    chosen.ids[c] = chosen.ids[--chosen.size];
    kill(w, i);
  }
}
