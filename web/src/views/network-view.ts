import type { NetworkSample, Rgb } from '../protocol.js';

const SVG = 'http://www.w3.org/2000/svg';
const SIZE = 420;
const css = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/**
 * A sample of agents and their ties as a node-link drawing: a few hundred rounds of a plain
 * spring layout (ties pull, everyone repels), people coloured by state. Positions are kept by
 * id between samples so that a refreshed network does not jump about.
 */
export class NetworkView {
  private readonly svg: SVGSVGElement;
  private readonly legend: HTMLElement;
  private readonly positions = new Map<number, { x: number; y: number }>();
  private step = -1;

  constructor(private readonly box: HTMLElement) {
    this.svg = el('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, width: SIZE, height: SIZE, role: 'img', class: 'network', 'aria-label': 'network: no sample yet' });
    this.legend = Object.assign(document.createElement('ul'), { className: 'legend' });
    box.append(this.svg, this.legend);
  }

  reset(): void {
    this.positions.clear();
    this.svg.replaceChildren();
    this.legend.replaceChildren();
    this.step = -1;
  }

  show(step: number, sample: NetworkSample): void {
    this.step = step;
    const ids = sample.nodes.map((n) => n.id);
    const index = new Map(ids.map((id, k) => [id, k]));
    const n = ids.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    ids.forEach((id, k) => {
      const p = this.positions.get(id);
      // New people start on a spiral: spread out, and the same spot every time.
      const a = k * 2.39996;
      const r = 8 * Math.sqrt(k + 1);
      x[k] = p?.x ?? SIZE / 2 + r * Math.cos(a);
      y[k] = p?.y ?? SIZE / 2 + r * Math.sin(a);
    });
    const edges = sample.edges.flatMap((e) => {
      const a = index.get(e.a);
      const b = index.get(e.b);
      return a === undefined || b === undefined ? [] : [{ a, b, kind: e.kind }];
    });
    layout(x, y, edges, this.positions.size > 0 ? 60 : 250);
    ids.forEach((id, k) => this.positions.set(id, { x: x[k], y: y[k] }));
    const colour = new Map(sample.states.map((s) => [s.state, css(s.rgb)]));
    const lines = edges.map((e) =>
      el('line', { x1: x[e.a], y1: y[e.a], x2: x[e.b], y2: y[e.b], class: `tie tie-${e.kind}`, stroke: e.kind === 'household' ? '#7d8a99' : '#b9c4cf', 'stroke-width': e.kind === 'household' ? 1.4 : 0.8, ...(e.kind === 'friend' ? { 'stroke-dasharray': '3 2' } : {}) }),
    );
    const counts = new Map<string, number>();
    const dots = sample.nodes.map((node, k) => {
      counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
      const c = el('circle', { cx: x[k], cy: y[k], r: 4, fill: colour.get(node.state) ?? '#888', stroke: '#1d2430', 'stroke-width': 0.5, 'data-state': node.state });
      const title = el('title', {});
      title.textContent = `#${node.id} (${node.group}): ${node.state}`;
      c.append(title);
      return c;
    });
    this.svg.replaceChildren(...lines, ...dots);
    const present = sample.states.filter((s) => counts.has(s.state));
    this.legend.replaceChildren(
      ...present.map((s) => {
        const li = document.createElement('li');
        const sw = Object.assign(document.createElement('span'), { className: 'swatch' });
        sw.style.background = css(s.rgb);
        li.append(sw, `${s.state}: ${counts.get(s.state)}`);
        return li;
      }),
      Object.assign(document.createElement('li'), { textContent: 'solid: household, dashed: friend' }),
    );
    const kinds = new Map<string, number>();
    for (const e of edges) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    this.svg.setAttribute(
      'aria-label',
      `Network of ${n} people and ${edges.length} ties (${[...kinds].map(([k, c]) => `${c} ${k}`).join(', ')}) at step ${this.step}: ${present.map((s) => `${s.state} ${counts.get(s.state)}`).join(', ')}`,
    );
  }

  get hidden(): boolean {
    return this.box.hidden;
  }
}

const GRAVITY = 0.35;

/** Fruchterman-Reingold in a box, cooling linearly, with a pull to the centre: a few hundred nodes in a few ms. */
function layout(x: Float64Array, y: Float64Array, edges: readonly { a: number; b: number }[], rounds: number): void {
  const n = x.length;
  if (n === 0) return;
  const k = Math.sqrt((SIZE * SIZE * 0.3) / n);
  const far2 = 9 * k * k;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let r = 0; r < rounds; r++) {
    const t = (SIZE / 10) * (1 - r / rounds) + 0.5;
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = x[i] - x[j];
        const ey = y[i] - y[j];
        const d2 = Math.max(ex * ex + ey * ey, 0.01);
        // Only near neighbours repel (the grid variant of the method): far ones would push loose people onto the rim.
        if (d2 > far2) continue;
        const f = (k * k) / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (const e of edges) {
      const ex = x[e.a] - x[e.b];
      const ey = y[e.a] - y[e.b];
      const d = Math.sqrt(ex * ex + ey * ey) + 0.01;
      const f = d / k;
      dx[e.a] -= ex * f;
      dy[e.a] -= ey * f;
      dx[e.b] += ex * f;
      dy[e.b] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      // Gravity towards the centre, so that loose pieces stay near the rest instead of on the rim.
      dx[i] -= (x[i] - SIZE / 2) * GRAVITY;
      dy[i] -= (y[i] - SIZE / 2) * GRAVITY;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) + 1e-9;
      const m = Math.min(d, t);
      x[i] = Math.min(SIZE - 8, Math.max(8, x[i] + (dx[i] / d) * m));
      y[i] = Math.min(SIZE - 8, Math.max(8, y[i] + (dy[i] / d) * m));
    }
  }
}
