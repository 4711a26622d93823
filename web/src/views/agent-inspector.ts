import type { InspectedAgent } from '../protocol.js';

function agentBox(a: InspectedAgent): HTMLElement {
  const div = document.createElement('div');
  div.className = `agent agent-${a.kind}${a.state ? ` agent-${a.state}` : ''}`;
  for (const line of a.lines) {
    const p = document.createElement('div');
    p.textContent = line;
    div.append(p);
  }
  return div;
}

/** The panel under the lattice listing the agents of the clicked cell, as the model describes them. */
export class AgentInspector {
  constructor(private readonly box: HTMLElement) {}

  clear(): void {
    this.box.replaceChildren();
  }

  show(x: number, y: number, step: number, agents: readonly InspectedAgent[]): void {
    const title = document.createElement('div');
    title.className = 'inspector-title';
    title.textContent = `cell (${x}, ${y}) at step ${step}${agents.length === 0 ? ': empty' : ''}`;
    this.box.replaceChildren(title, ...agents.map(agentBox));
  }
}

/** The same description in a small box following the pointer over the lattice. */
export class HoverTip {
  constructor(private readonly tip: HTMLElement) {}

  hide(): void {
    this.tip.hidden = true;
  }

  show(clientX: number, clientY: number, x: number, y: number, agents: readonly InspectedAgent[]): void {
    const title = document.createElement('div');
    title.className = 'inspector-title';
    title.textContent = `(${x}, ${y})${agents.length === 0 ? ' empty' : ''}`;
    this.tip.replaceChildren(title, ...agents.map(agentBox));
    this.tip.hidden = false;
    const parent = this.tip.offsetParent?.getBoundingClientRect() ?? { left: 0, top: 0 };
    this.tip.style.left = `${clientX - parent.left + 14}px`;
    this.tip.style.top = `${clientY - parent.top + 14}px`;
  }
}
