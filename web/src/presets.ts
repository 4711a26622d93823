import { readYaml } from '../../src/scenario/yaml-document.js';

/** A scenario file shipped with the repository, bundled into the page as text. */
export interface Preset {
  /** Path as the CLI would name it, e.g. "scenarios/epstein/run2.yaml". */
  readonly file: string;
  readonly modelId: string;
  readonly title: string;
  readonly text: string;
}

const files = import.meta.glob('../../scenarios/**/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every bundled scenario that names a model, ordered by file name (run2 before run10). */
export function bundledPresets(): Preset[] {
  const out: Preset[] = [];
  for (const [path, text] of Object.entries(files)) {
    const { data } = readYaml(text, path);
    if (!data || typeof data !== 'object') continue;
    const doc = data as Record<string, unknown>;
    if (typeof doc.model !== 'string') continue;
    const file = path.replace(/^(\.\.\/)+/, '');
    const title = typeof doc.name === 'string' ? doc.name : file.split('/').pop()!.replace(/\.yaml$/, '');
    out.push({ file, modelId: doc.model, title, text });
  }
  const collator = new Intl.Collator('en', { numeric: true });
  return out.sort((a, b) => collator.compare(a.file, b.file));
}
