import type { Problem } from '../../../src/scenario/errors.js';
import { setAt, getAt, type DocPath } from './doc-path.js';
import { booleanField, choiceField, numberField, textField, yamlField, type Field, type FieldInfo } from './fields.js';

type JsonSchema = { [key: string]: unknown };

interface Bound {
  readonly path: DocPath;
  readonly field: Field;
}

/** Fields shown in the page header rather than the form. */
const HIDDEN = new Set(['model']);

/**
 * A form generated from a model's scenario JSON Schema (itself generated from the zod schema,
 * so units and descriptions are those of `.meta()`): groups become collapsible sections,
 * numbers get a slider and a box, choices a menu, and anything else a YAML box. The form
 * only gathers values; the worker validates them with the same code as the CLI.
 */
export class SchemaForm {
  private bound: Bound[] = [];
  private base: Record<string, unknown> = {};

  constructor(private readonly root: HTMLFormElement) {
    // Enter in a box commits its value; it must not submit (reload) the page.
    root.addEventListener('submit', (e) => e.preventDefault());
  }

  private notes: Record<string, string> = {};

  /** `notes` describe groups the schema leaves undescribed, by dotted path (e.g. mechanisms.M3). */
  render(schema: JsonSchema, doc: Record<string, unknown>, notes: Record<string, string> = {}): void {
    this.base = structuredClone(doc);
    this.notes = notes;
    this.bound = [];
    const general = section('general', 'the scenario as a whole', true);
    const groups: HTMLElement[] = [];
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(props)) {
      if (HIDDEN.has(name)) continue;
      const resolved = resolve(schema, child);
      const node = this.build(resolved, schema, [name], required.has(name), doc);
      if (node.classList.contains('group')) groups.push(node);
      else if (node.querySelector('textarea')) {
        // Lists and tables (regions, schedules...) get a section of their own, closed at first.
        const box = section(name, typeof resolved.description === 'string' ? resolved.description : undefined, false);
        box.classList.add('group');
        box.append(node);
        groups.push(box);
      } else general.append(node);
    }
    this.root.replaceChildren(general, ...groups);
  }

  /** The document the form describes, or the problems of fields that could not be read. */
  read(file: string): { doc: Record<string, unknown>; problems: Problem[] } {
    const doc = structuredClone(this.base);
    const problems: Problem[] = [];
    for (const { path, field } of this.bound) {
      const result = field.read();
      if ('problem' in result) problems.push({ file, path: path.join('.'), message: result.problem });
      else setAt(doc, path, result.value);
    }
    return { doc, problems };
  }

  /** Marks the fields named by validation problems (paths as the scenario layer prints them). */
  mark(problems: readonly Problem[]): void {
    for (const el of this.root.querySelectorAll('.field.invalid')) el.classList.remove('invalid');
    for (const p of problems) {
      if (!p.path) continue;
      const hit = [...this.root.querySelectorAll<HTMLElement>('.field')].find((el) => {
        const path = el.dataset.path ?? '';
        return p.path === path || p.path!.startsWith(`${path}.`) || p.path!.startsWith(`${path}[`);
      });
      if (!hit) continue;
      hit.classList.add('invalid');
      const details = hit.closest('details');
      if (details) details.open = true;
    }
  }

  private build(node: JsonSchema, root: JsonSchema, path: DocPath, required: boolean, doc: unknown): HTMLElement {
    const value = getAt(doc, path);
    const info: FieldInfo = {
      name: path[path.length - 1],
      unit: typeof node.unit === 'string' ? node.unit : undefined,
      description: typeof node.description === 'string' ? node.description : undefined,
      source: typeof node.source === 'string' ? node.source : undefined,
      path: path.join('.'),
      optional: !required && node.default === undefined,
    };
    const props = node.properties as Record<string, JsonSchema> | undefined;
    if (node.type === 'object' && props && Object.keys(props).length > 0) {
      const box = section(info.name, info.description ?? this.notes[info.path], false);
      box.classList.add('group');
      const req = new Set((node.required as string[] | undefined) ?? []);
      // Defaults fill nested fields, so every field of a group with a default is effectively given.
      for (const [name, child] of Object.entries(props)) box.append(this.build(resolve(root, child), root, [...path, name], req.has(name) || node.default !== undefined, doc));
      return box;
    }
    const field = this.widget(node, info, value);
    this.bound.push({ path, field });
    return field.element;
  }

  private widget(node: JsonSchema, info: FieldInfo, value: unknown): Field {
    const enumValues = node.enum as unknown[] | undefined;
    if (enumValues && enumValues.every((v) => typeof v === 'string')) {
      const options = info.optional ? ['', ...(enumValues as string[])] : (enumValues as string[]);
      return choiceField(info, options, typeof value === 'string' ? value : '', (s) => (s === '' ? undefined : s));
    }
    if ((node.type === 'number' || node.type === 'integer') && (value === undefined || (typeof value === 'number' && Number.isFinite(value)))) {
      return numberField(
        info,
        {
          integer: node.type === 'integer',
          minimum: num(node.minimum),
          maximum: num(node.maximum),
          exclusiveMinimum: num(node.exclusiveMinimum),
          exclusiveMaximum: num(node.exclusiveMaximum),
        },
        value,
      );
    }
    if (node.type === 'boolean') return booleanField(info, value);
    if (node.type === 'string' && !node.const) return textField(info, value);
    return yamlField(info, value);
  }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function section(title: string, description: string | undefined, open: boolean): HTMLElement {
  const details = document.createElement('details');
  details.open = open;
  details.className = 'section';
  const summary = document.createElement('summary');
  summary.textContent = title.replace(/_/g, ' ');
  if (description) {
    summary.title = description;
    const note = document.createElement('span');
    note.className = 'note';
    note.textContent = ` ${description}`;
    summary.append(note);
  }
  details.append(summary);
  return details;
}

/** Follows a local `$ref` (zod emits them for schemas used more than once). */
function resolve(root: JsonSchema, node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = (target as JsonSchema | undefined)?.[part];
  if (!target || typeof target !== 'object') return node;
  const { $ref: _ignored, ...rest } = node;
  return { ...(target as JsonSchema), ...rest };
}
