import type { AgentReport } from '../protocol.js';

const f3 = (v: number | undefined) => (v === undefined ? '' : v.toFixed(3));

/** Why a citizen is what it is, in Epstein's terms: active iff G - R P > T. */
function describe(a: AgentReport): string[] {
  if (a.kind === 'cop') return [`cop #${a.id}`];
  const lines = [`citizen #${a.id}: ${a.state}${a.group ? `, ${a.group}` : ''}`];
  lines.push(`hardship H ${f3(a.hardship)}, risk aversion R ${f3(a.riskAversion)}, grievance G ${f3(a.grievance)}`);
  if (a.arrestProbability !== undefined && a.netRisk !== undefined && a.grievance !== undefined) {
    const margin = a.grievance - a.netRisk;
    lines.push(`arrest probability P ${f3(a.arrestProbability)}, net risk R P ${f3(a.netRisk)}`);
    lines.push(`G - R P = ${f3(margin)} ${margin > (a.threshold ?? 0) ? '>' : '<='} T ${f3(a.threshold)} (as it sees things now)`);
  }
  if (a.jailTerm !== undefined) lines.push(`jail term left: ${Number.isFinite(a.jailTerm) ? a.jailTerm : 'forever'}`);
  return lines;
}

/** The panel under the lattice listing the agents of the clicked cell. */
export class AgentInspector {
  constructor(private readonly box: HTMLElement) {}

  clear(): void {
    this.box.replaceChildren();
  }

  show(x: number, y: number, step: number, agents: readonly AgentReport[]): void {
    const title = document.createElement('div');
    title.className = 'inspector-title';
    title.textContent = `cell (${x}, ${y}) at step ${step}${agents.length === 0 ? ': empty' : ''}`;
    const items = agents.map((a) => {
      const div = document.createElement('div');
      div.className = `agent agent-${a.kind}${a.state ? ` agent-${a.state}` : ''}`;
      for (const line of describe(a)) {
        const p = document.createElement('div');
        p.textContent = line;
        div.append(p);
      }
      return div;
    });
    this.box.replaceChildren(title, ...items);
  }
}
