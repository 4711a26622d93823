import { estimatedArrestProbability } from '../../../src/models/civil-violence/citizen.js';
import type { CivilViolenceModel } from '../../../src/models/civil-violence/model.js';
import { ACTIVE, COP, FOREVER, GREEN, JAILED } from '../../../src/models/civil-violence/world.js';
import type { AgentReport } from '../protocol.js';

/**
 * What a teacher wants to see of the agents on one cell (NetLogo's "inspect"): a citizen's
 * hardship, risk aversion, grievance and the arrest probability it would estimate now, which
 * together say why it is quiet or active.
 */
export function inspectCell(model: CivilViolenceModel, cell: number): AgentReport[] {
  const w = model.world;
  const out: AgentReport[] = [];
  const { alive, highWater } = w.store;
  for (let id = 0; id < highWater; id++) {
    if (alive[id] !== 1 || w.cell[id] !== cell) continue;
    if (w.kind[id] === COP) {
      out.push({ id, kind: 'cop' });
      continue;
    }
    const state = w.state[id] === ACTIVE ? 'active' : w.state[id] === JAILED ? 'jailed' : 'quiet';
    const p = state === 'jailed' ? undefined : estimatedArrestProbability(w, id);
    out.push({
      id,
      kind: 'citizen',
      state,
      group: w.variantTwo ? (w.group[id] === GREEN ? 'green' : 'blue') : undefined,
      hardship: w.hardship[id],
      riskAversion: w.riskAversion[id],
      grievance: w.grievance(id),
      arrestProbability: p,
      netRisk: p === undefined ? undefined : w.riskAversion[id] * p,
      threshold: w.threshold,
      jailTerm: state === 'jailed' ? (w.term[id] === FOREVER ? Infinity : w.term[id]) : undefined,
    });
  }
  return out;
}
