import YAML from 'yaml';
import { readYaml } from '../../../src/scenario/yaml-document.js';
import { sliderRange, niceAbove, type NumericBounds } from './slider-range.js';

/** A rendered input and how to read its value back (or the reason it cannot be read). */
export interface Field {
  readonly element: HTMLElement;
  read(): { value: unknown } | { problem: string };
}

export interface FieldInfo {
  readonly name: string;
  readonly unit?: string;
  readonly description?: string;
  readonly source?: string;
  /** Dotted path shown to the user and matched against validation problems. */
  readonly path: string;
  /** Optional without a default: the field may be left unset. */
  readonly optional: boolean;
}

function tooltip(info: FieldInfo): string {
  return [info.description, info.unit ? `unit: ${info.unit}` : '', info.source ? `source: ${info.source}` : '', info.path]
    .filter(Boolean)
    .join('\n');
}

/** The row every field sits in: name, unit, then the controls. */
function row(info: FieldInfo, ...controls: HTMLElement[]): HTMLElement {
  const wrap = document.createElement('div');
  wrap.className = 'field';
  wrap.dataset.path = info.path;
  wrap.title = tooltip(info);
  const label = document.createElement('label');
  label.className = 'field-name';
  label.textContent = info.name.replace(/_/g, ' ');
  const target = controls.find((c) => c.id);
  if (target) label.htmlFor = target.id;
  if (info.unit && info.unit !== '1') {
    const unit = document.createElement('span');
    unit.className = 'unit';
    unit.textContent = info.unit;
    label.append(' ', unit);
  }
  const box = document.createElement('div');
  box.className = 'field-controls';
  box.append(...controls);
  wrap.append(label, box);
  return wrap;
}

let nextId = 0;
const uniqueId = (path: string) => `f${nextId++}-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;

export function numberField(info: FieldInfo, bounds: NumericBounds, value: unknown): Field {
  const input = document.createElement('input');
  input.type = 'number';
  input.id = uniqueId(info.path);
  input.step = bounds.integer ? '1' : 'any';
  input.dataset.path = info.path;
  input.value = typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
  const range = sliderRange(bounds, typeof value === 'number' ? value : (bounds.minimum ?? 0));
  const controls: HTMLElement[] = [input];
  if (range) {
    const slider = document.createElement('input');
    slider.type = 'range';
    slider.min = String(range.min);
    slider.max = String(range.max);
    slider.step = String(range.step);
    slider.value = input.value || String(range.min);
    slider.tabIndex = -1;
    slider.setAttribute('aria-label', `${info.name} slider`);
    slider.addEventListener('input', () => (input.value = slider.value));
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (input.value === '' || !Number.isFinite(v)) return;
      if (v > Number(slider.max)) slider.max = String(niceAbove(Math.abs(v)));
      slider.value = input.value;
    });
    controls.unshift(slider);
  }
  return {
    element: row(info, ...controls),
    read: () => {
      if (input.value.trim() === '') return info.optional ? { value: undefined } : { problem: 'a number is needed here' };
      const v = Number(input.value);
      return Number.isFinite(v) ? { value: v } : { problem: `"${input.value}" is not a number` };
    },
  };
}

export function booleanField(info: FieldInfo, value: unknown): Field {
  if (info.optional) {
    return choiceField(info, ['', 'true', 'false'], value === undefined ? '' : String(value), (s) => (s === '' ? undefined : s === 'true'), '(model default)');
  }
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = uniqueId(info.path);
  input.checked = value === true;
  input.dataset.path = info.path;
  return { element: row(info, input), read: () => ({ value: input.checked }) };
}

export function choiceField(
  info: FieldInfo,
  options: readonly string[],
  value: string,
  parse: (s: string) => unknown = (s) => s,
  emptyLabel = '(unset)',
): Field {
  const select = document.createElement('select');
  select.id = uniqueId(info.path);
  select.dataset.path = info.path;
  for (const o of options) select.add(new Option(o === '' ? emptyLabel : o, o));
  select.value = value;
  return { element: row(info, select), read: () => ({ value: parse(select.value) }) };
}

export function textField(info: FieldInfo, value: unknown): Field {
  const input = document.createElement('input');
  input.type = 'text';
  input.id = uniqueId(info.path);
  input.dataset.path = info.path;
  input.value = typeof value === 'string' ? value : '';
  return {
    element: row(info, input),
    read: () => ({ value: input.value === '' && info.optional ? undefined : input.value }),
  };
}

/**
 * Anything the form has no widget for (lists, tables, `.inf`-or-number) is edited as YAML,
 * the same text a scenario file would hold.
 */
export function yamlField(info: FieldInfo, value: unknown): Field {
  const text = value === undefined ? '' : YAML.stringify(value, { lineWidth: 0 }).trimEnd();
  const multiline = text.includes('\n') || text.length > 40;
  const input = document.createElement(multiline ? 'textarea' : 'input');
  input.id = uniqueId(info.path);
  input.dataset.path = info.path;
  input.className = 'yaml';
  input.spellcheck = false;
  if (input instanceof HTMLTextAreaElement) input.rows = Math.min(12, text.split('\n').length + 1);
  input.value = text;
  return {
    element: row(info, input),
    read: () => {
      if (input.value.trim() === '') return { value: undefined };
      const { data, problems } = readYaml(input.value);
      return problems.length > 0 ? { problem: problems[0].message } : { value: data };
    },
  };
}
