import type { Cell, Column } from '../../../src/engine/model.js';
import type { SeriesStore } from '../series-store.js';

const SVG = 'http://www.w3.org/2000/svg';
const SIZE = 420;
const MAX_R = 46;
const MIN_R = 4;

const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en') : v.toPrecision(3));

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** White to dark red: how high a group stands on the colour indicator, relative to the highest. */
function heat(t: number): string {
  const u = Math.min(Math.max(t, 0), 1);
  return `rgb(${Math.round(255 - 60 * u)},${Math.round(240 - 200 * u)},${Math.round(230 - 200 * u)})`;
}

/**
 * The groups of a grouped series (e.g. regions) as a ring of discs: area proportional to one
 * indicator, colour to another, at the step a scrubber picks (the latest while it sits at the end).
 */
export class RegionMap {
  private readonly svg: SVGSVGElement;
  private readonly sizeBy: HTMLSelectElement;
  private readonly colourBy: HTMLSelectElement;
  private readonly scrubber: HTMLInputElement;
  private readonly when: HTMLOutputElement;
  private store: SeriesStore | undefined;
  private follow = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private keyColumn = -1;
  private dateColumn = -1;

  constructor(private readonly box: HTMLElement) {
    const controls = document.createElement('div');
    controls.className = 'map-controls';
    this.sizeBy = document.createElement('select');
    this.colourBy = document.createElement('select');
    this.scrubber = document.createElement('input');
    this.scrubber.type = 'range';
    this.scrubber.min = '0';
    this.scrubber.id = 'region-scrubber';
    this.scrubber.setAttribute('aria-label', 'step shown on the map');
    this.when = document.createElement('output');
    const label = (text: string, control: HTMLElement) => {
      const l = document.createElement('label');
      l.className = 'inline';
      l.append(text, control);
      return l;
    };
    controls.append(label('size by ', this.sizeBy), label('colour by ', this.colourBy), label('step ', this.scrubber), this.when);
    this.svg = el('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, width: SIZE, height: SIZE, role: 'img', class: 'region-map' });
    box.replaceChildren(controls, this.svg);
    for (const s of [this.sizeBy, this.colourBy]) s.addEventListener('change', () => this.render());
    this.sizeBy.id = 'region-size';
    this.colourBy.id = 'region-colour';
    this.scrubber.addEventListener('input', () => {
      this.follow = Number(this.scrubber.value) === Number(this.scrubber.max);
      this.render();
    });
  }

  reset(store: SeriesStore, defaults: readonly string[]): void {
    this.store = store;
    const cols = store.groupColumns;
    this.box.hidden = cols.length === 0;
    this.keyColumn = cols.findIndex((c) => c.type === 'string' && c.name !== 'date');
    this.dateColumn = cols.findIndex((c) => c.name === 'date');
    const numeric = cols.flatMap((c, i) => (c.type === 'string' ? [] : [[c, i] as [Column, number]]));
    const options = () => numeric.map(([c, i]) => new Option(c.name.replace(/_/g, ' '), String(i)));
    const keep = (s: HTMLSelectElement, fallback: string | undefined) => {
      const before = s.selectedOptions[0]?.textContent;
      s.replaceChildren(...options());
      const pick = [...s.options].find((o) => o.textContent === before) ?? [...s.options].find((o) => o.textContent === fallback?.replace(/_/g, ' '));
      if (pick) s.value = pick.value;
    };
    const inGroups = defaults.filter((d) => numeric.some(([c]) => c.name === d));
    keep(this.sizeBy, inGroups[0]);
    keep(this.colourBy, numeric.some(([c]) => c.name === 'legitimacy') ? 'legitimacy' : inGroups[1]);
    this.follow = true;
    this.svg.replaceChildren();
  }

  update(): void {
    if (!this.store || this.store.groupColumns.length === 0 || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 250);
  }

  private render(): void {
    const store = this.store;
    if (!store || store.groups.length === 0) return;
    this.scrubber.max = String(store.groups.length - 1);
    if (this.follow) this.scrubber.value = this.scrubber.max;
    const index = Number(this.scrubber.value);
    const rows = store.groups[index] ?? [];
    const step = store.firstStep + index;
    const date = this.dateColumn >= 0 && rows[0] ? ` (${rows[0][this.dateColumn]})` : '';
    this.when.value = `${step}${date}`;
    const sizeCol = Number(this.sizeBy.value);
    const colourCol = Number(this.colourBy.value);
    const sizeName = store.groupColumns[sizeCol]?.name ?? '';
    const colourName = store.groupColumns[colourCol]?.name ?? '';
    // Scales over the whole run so far, so that scrubbing compares steps, not just groups.
    const maxOf = (col: number) => {
      let m = 0;
      for (const g of store.groups) for (const r of g) m = Math.max(m, Math.abs(Number(r[col])) || 0);
      return m;
    };
    const sizeMax = maxOf(sizeCol);
    const colourValues = store.groups.flatMap((g) => g.map((r) => Number(r[colourCol])));
    const cMin = Math.min(...colourValues);
    const cMax = Math.max(...colourValues);
    const n = rows.length;
    const centre = SIZE / 2;
    const ring = SIZE / 2 - MAX_R - 12;
    const nodes = rows.map((r: Cell[], k) => {
      const angle = (2 * Math.PI * k) / n - Math.PI / 2;
      const x = centre + ring * Math.cos(angle);
      const y = centre + ring * Math.sin(angle);
      const v = Number(r[sizeCol]) || 0;
      const c = Number(r[colourCol]);
      const radius = sizeMax > 0 ? MIN_R + (MAX_R - MIN_R) * Math.sqrt(Math.abs(v) / sizeMax) : MIN_R;
      const g = el('g', { class: 'region', 'data-region': String(r[this.keyColumn]) });
      const title = el('title', {});
      title.textContent = `${r[this.keyColumn]}: ${sizeName} ${fmt(v)}, ${colourName} ${fmt(c)}`;
      g.append(
        title,
        el('circle', { cx: x, cy: y, r: radius, fill: heat(cMax > cMin ? (c - cMin) / (cMax - cMin) : 0), stroke: '#1d2430', 'stroke-width': 1 }),
        Object.assign(el('text', { x, y: y + radius + 12, 'text-anchor': 'middle', class: 'region-label' }), { textContent: String(r[this.keyColumn]).replace(/_/g, ' ') }),
        Object.assign(el('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'region-value' }), { textContent: fmt(v) }),
      );
      return g;
    });
    const legend = el('text', { x: 8, y: SIZE - 8, class: 'region-note' });
    legend.textContent = `area: ${sizeName.replace(/_/g, ' ')} (max ${fmt(sizeMax)}); colour: ${colourName.replace(/_/g, ' ')} ${fmt(cMin)} (light) to ${fmt(cMax)} (dark)`;
    this.svg.replaceChildren(...nodes, legend);
    this.svg.setAttribute('aria-label', `Map of ${n} groups at step ${step}${date}: ${rows.map((r) => `${r[this.keyColumn]} ${sizeName} ${fmt(Number(r[sizeCol]))}`).join(', ')}`);
  }
}
