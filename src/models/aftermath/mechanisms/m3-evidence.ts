import { z } from 'zod';
import { prob, weeks, perRole } from '../params.js';
import type { MechanismOf } from '../mechanism.js';
import { EVIDENCE, byRole, type World } from '../state.js';

/** M3's parameters, under `mechanisms.M3` of a scenario. */
export const params = z
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
  .prefault({});

/**
 * M3 evidence: who gets identified and convicted depends on the role and on whether the agent
 * left digital evidence. Those who filmed everything are caught; the armed, who filmed nothing,
 * are hard to convict. Off: one pooled chance for everybody.
 */
export const m3: MechanismOf<'M3', typeof params> = {
  id: 'M3',
  name: 'evidence',
  description: 'identification and conviction depend on role and on digital evidence; the armed who filmed nothing are hard to convict',
  params,
  rules: { identifyChance, convictChance },
  offRules: {
    identifyChance: (w) => w.sc.mechanisms.M3.pooledIdentify,
    convictChance: (w) => w.sc.mechanisms.M3.pooledConvict,
  },
};

function identifyChance(w: World, i: number): number {
  const p = w.sc.mechanisms.M3;
  const base = byRole(p.identify, w.role[i]);
  return w.flags[i] & EVIDENCE ? base : base * byRole(p.identifyNoEvidence, w.role[i]);
}

function convictChance(w: World, i: number): number {
  const p = w.sc.mechanisms.M3;
  const base = byRole(p.convict, w.role[i]);
  return w.flags[i] & EVIDENCE ? base : base * byRole(p.convictNoEvidence, w.role[i]);
}
