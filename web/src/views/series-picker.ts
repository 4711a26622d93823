/**
 * Which series the chart shows: a menu of every series with a filter box (no paged legend, so
 * every line can be named), and the chosen ones as chips beside the chart.
 */
export class SeriesPicker {
  private names: string[] = [];
  private colours = new Map<string, string>();
  private chosen = new Set<string>();
  private defaults: string[] = [];
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly filter: HTMLInputElement;
  onChange: ((chosen: ReadonlySet<string>) => void) | undefined;

  constructor(
    private readonly menu: HTMLDetailsElement,
    private readonly chips: HTMLElement,
  ) {
    this.summary = document.createElement('summary');
    this.filter = document.createElement('input');
    this.filter.type = 'search';
    this.filter.placeholder = 'filter series';
    this.filter.setAttribute('aria-label', 'filter the series');
    this.filter.addEventListener('input', () => this.renderList());
    const all = button('all', () => this.set(this.names));
    const none = button('none', () => this.set([]));
    const reset = button('default', () => this.set(this.defaults));
    const bar = document.createElement('div');
    bar.className = 'picker-bar';
    bar.append(this.filter, all, none, reset);
    this.list = document.createElement('div');
    this.list.className = 'picker-list';
    this.list.setAttribute('role', 'group');
    this.list.setAttribute('aria-label', 'series shown on the chart');
    menu.replaceChildren(this.summary, bar, this.list);
  }

  reset(names: readonly string[], colours: Map<string, string>, chosen: readonly string[], defaults: readonly string[]): void {
    this.names = [...names];
    this.colours = colours;
    this.defaults = defaults.filter((n) => names.includes(n));
    this.chosen = new Set(chosen.filter((n) => names.includes(n)));
    this.render();
  }

  get selected(): ReadonlySet<string> {
    return this.chosen;
  }

  /** Shows a series (e.g. the one a live change moved); no-op when shown already. */
  show(name: string): void {
    if (!this.names.includes(name) || this.chosen.has(name)) return;
    this.chosen.add(name);
    this.render();
    this.onChange?.(this.chosen);
  }

  private set(names: readonly string[]): void {
    this.chosen = new Set(names);
    this.render();
    this.onChange?.(this.chosen);
  }

  private toggle(name: string, on: boolean): void {
    if (on) this.chosen.add(name);
    else this.chosen.delete(name);
    this.render();
    this.onChange?.(this.chosen);
  }

  private render(): void {
    this.summary.textContent = `series: ${this.chosen.size} of ${this.names.length} shown`;
    this.renderList();
    const chips = this.names
      .filter((n) => this.chosen.has(n))
      .map((n) => {
        const chip = document.createElement('button');
        chip.type = 'button';
        chip.className = 'chip';
        chip.dataset.series = n;
        chip.title = `hide ${n}`;
        chip.append(swatch(this.colours.get(n)), n.replace(/_/g, ' '), ' \u00d7');
        chip.addEventListener('click', () => this.toggle(n, false));
        return chip;
      });
    this.chips.replaceChildren(...chips);
  }

  private renderList(): void {
    const needle = this.filter.value.trim().toLowerCase();
    const items = this.names
      .filter((n) => needle === '' || n.toLowerCase().includes(needle))
      .map((n) => {
        const label = document.createElement('label');
        label.className = 'picker-item';
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.checked = this.chosen.has(n);
        box.dataset.series = n;
        box.addEventListener('change', () => this.toggle(n, box.checked));
        label.append(box, swatch(this.colours.get(n)), n.replace(/_/g, ' '));
        return label;
      });
    this.list.replaceChildren(...items);
  }
}

function swatch(colour: string | undefined): HTMLElement {
  const s = document.createElement('span');
  s.className = 'swatch';
  s.style.background = colour ?? '#888';
  return s;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}
