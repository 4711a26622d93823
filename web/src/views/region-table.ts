import type { Cell } from '../../../src/engine/model.js';
import type { SeriesStore } from '../series-store.js';

const format = (v: Cell) =>
  typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(3)) : v;

/** The grouped rows (one per region) of the latest step, as a table with the units in the header. */
export class RegionTable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly box: HTMLElement) {}

  reset(store: SeriesStore): void {
    this.box.hidden = store.groupColumns.length === 0;
    this.box.replaceChildren();
  }

  update(store: SeriesStore): void {
    if (store.groupColumns.length === 0 || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render(store);
    }, 250);
  }

  private render(store: SeriesStore): void {
    const latest = store.groups[store.groups.length - 1] ?? [];
    const table = document.createElement('table');
    const caption = table.createCaption();
    caption.textContent = `Regions at step ${store.lastStep}`;
    // The date is the caption's; repeating it on every line says nothing.
    const shown = store.groupColumns.flatMap((c, i) => (c.name === 'date' ? [] : [i]));
    const date = store.groupColumns.findIndex((c) => c.name === 'date');
    if (date >= 0 && latest[0]) caption.textContent += ` (${latest[0][date]})`;
    const head = table.createTHead().insertRow();
    for (const c of shown.map((i) => store.groupColumns[i])) {
      const th = document.createElement('th');
      th.textContent = c.name.replace(/_/g, ' ');
      if (c.unit) th.title = c.unit;
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of latest) {
      const tr = body.insertRow();
      for (const i of shown) {
        const td = tr.insertCell();
        td.textContent = format(row[i]);
        if (typeof row[i] === 'number') td.className = 'num';
      }
    }
    this.box.replaceChildren(table);
  }
}
