import type { MechanismInfo } from '../../../src/models/types.js';

/** One checkbox per switchable mechanism; unticked ones are passed as `disable` at setup. */
export class MechanismSwitches {
  constructor(private readonly box: HTMLElement) {}

  show(mechanisms: readonly MechanismInfo[]): void {
    this.box.hidden = mechanisms.length === 0;
    if (mechanisms.length === 0) {
      this.box.replaceChildren();
      return;
    }
    const title = document.createElement('h2');
    title.textContent = 'Mechanisms (untick to switch off at setup)';
    const items = mechanisms.map((m) => {
      const label = document.createElement('label');
      label.className = 'mechanism';
      label.title = m.description;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = m.id;
      box.dataset.mechanism = m.id;
      label.append(box, ` ${m.id} ${m.name}`);
      return label;
    });
    this.box.replaceChildren(title, ...items);
  }

  disabled(): string[] {
    return [...this.box.querySelectorAll<HTMLInputElement>('input[data-mechanism]')].filter((b) => !b.checked).map((b) => b.value);
  }
}
