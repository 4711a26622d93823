import type { Mechanism } from '../mechanism.js';
import { EVIDENCE, byRole, type World } from '../state.js';

/**
 * M3 evidence: who gets identified and convicted depends on the role and on whether the agent
 * left digital evidence. Those who filmed everything are caught; the armed, who filmed nothing,
 * are hard to convict. Off: one pooled chance for everybody.
 */
export const m3: Mechanism = {
  id: 'M3',
  name: 'evidence',
  description: 'identification and conviction depend on role and on digital evidence; the armed who filmed nothing are hard to convict',
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
