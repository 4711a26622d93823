/** A tab bar (WAI-ARIA tabs pattern): each tab shows the panel its aria-controls names. */
export class Tabs {
  private readonly tabs: HTMLButtonElement[];

  constructor(bar: HTMLElement, private readonly onShow: (panelId: string) => void) {
    this.tabs = [...bar.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => this.select(tab));
    bar.addEventListener('keydown', (e) => {
      const visible = this.tabs.filter((t) => !t.hidden);
      const i = visible.indexOf(document.activeElement as HTMLButtonElement);
      if (i < 0 || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      const next = visible[(i + (e.key === 'ArrowRight' ? 1 : visible.length - 1)) % visible.length];
      next.focus();
      this.select(next);
    });
  }

  private select(tab: HTMLButtonElement): void {
    for (const t of this.tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !on;
    }
    this.onShow(tab.getAttribute('aria-controls') ?? '');
  }
}
