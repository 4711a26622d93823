import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The arrows of docs/ARCHITECTURE.md, checked on every relative import: a layer may import only
// the layers below it. `errors.ts` sits below every layer.
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  models: ['engine', 'errors'],
  scenario: ['models', 'engine', 'errors'],
  store: ['engine', 'errors'],
  experiment: ['models', 'scenario', 'store', 'engine', 'errors'],
  report: ['experiment', 'store', 'engine', 'errors'],
  server: ['report', 'experiment', 'models', 'scenario', 'store', 'engine', 'errors'],
  cli: ['server', 'report', 'experiment', 'models', 'scenario', 'store', 'engine', 'errors'],
};

const SRC = resolve('src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0].replace(/\.[jt]s$/, '');

function crossingsIn(file: string, text: string): string[] {
  const from = layerOf(file);
  if (!(from in MAY_IMPORT)) return [];
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
    const to = layerOf(resolve(dirname(file), m[1]));
    if (to !== from && !MAY_IMPORT[from].includes(to)) found.push(`${relative(SRC, file)} imports ${m[1]} (${from} -> ${to})`);
  }
  return found;
}

describe('the layers', () => {
  it('import only the layers below them', () => {
    expect(sources(SRC).flatMap((f) => crossingsIn(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('name no model above the models layer, except through the registry', () => {
    const named: string[] = [];
    for (const dir of ['src/experiment', 'src/cli', 'src/report', 'web/src']) {
      for (const file of sources(resolve(dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/civil-violence|aftermath/.test(line)) named.push(`${relative(resolve('.'), file)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
    expect(named).toEqual([]);
  });

  it('report a crossing when there is one', () => {
    const file = join(SRC, 'models', 'aftermath', 'x.ts');
    expect(crossingsIn(file, `import { openDuckDb } from '../../store/duckdb.js';\nimport { Rng } from '../../engine/random.js';`)).toEqual([
      'models/aftermath/x.ts imports ../../store/duckdb.js (models -> store)',
    ]);
    expect(crossingsIn(join(SRC, 'engine', 'y.ts'), `const m = await import('../experiment/load.js');`)).toHaveLength(1);
  });
});
