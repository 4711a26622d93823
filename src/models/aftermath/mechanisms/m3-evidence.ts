import { EVIDENCE, byRole, type World } from '../state.js';

/**
 * M3 evidence: who gets identified and convicted depends on the role and on whether the agent
 * left digital evidence. Those who filmed everything are caught; the armed, who filmed nothing,
 * are hard to convict. Off: one pooled chance for everybody.
 */
export function identifyChance(w: World, i: number): number {
  const p = w.sc.mechanisms.M3;
  if (!w.on.M3) return p.pooledIdentify;
  const base = byRole(p.identify, w.role[i]);
  return w.flags[i] & EVIDENCE ? base : base * byRole(p.identifyNoEvidence, w.role[i]);
}

export function convictChance(w: World, i: number): number {
  const p = w.sc.mechanisms.M3;
  if (!w.on.M3) return p.pooledConvict;
  const base = byRole(p.convict, w.role[i]);
  return w.flags[i] & EVIDENCE ? base : base * byRole(p.convictNoEvidence, w.role[i]);
}
