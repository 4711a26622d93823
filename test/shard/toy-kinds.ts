import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { exportStore } from '../../src/store/export.js';
import { fixtures } from '../experiment/helpers.js';

/**
 * One small experiment of every kind on the toy model (test/experiment/fixtures/toy-model.mjs),
 * with noise so that replicates differ and any mix-up of runs shows. Cheap: a few dozen runs of
 * 30 steps each.
 */
const common = ['seed: 41', 'steps: 30', 'outputs:', '  summaries:', '    - { name: mean_level, stat: mean, indicator: level, from: 5 }', '    - { name: max_active, stat: max, indicator: active }'];

export const TOY_KINDS: Record<string, string[]> = {
  ensemble: ['kind: ensemble', 'replicates: 8', ...common],
  sweep: ['kind: sweep', 'factors: [{ path: rate, range: [-0.1, 0.1], levels: 3 }, { path: cells, values: [10, 30] }]', 'design: { type: factorial }', 'replicates: 2', 'series: true', ...common],
  sensitivity: ['kind: sensitivity', 'factors: [{ path: rate, range: [0, 0.2] }, { path: cells, range: [5, 40], integer: true }]', 'sensitivity: { method: sobol, N: 8, bootstrap: 20 }', 'replicates: 2', ...common],
  calibration: ['kind: calibration', 'factors: [{ path: rate, range: [-0.3, 0.3] }]', 'calibration: { population: 6, generations: 2, batch: 4, targets: [{ summary: mean_level, observed: 1 }] }', 'replicates: 2', ...common],
  backtest: ['kind: backtest', 'replicates: 6', 'backtest: { observed: OBSERVED, levels: [0.5, 0.9] }', ...common],
  discovery: ['kind: discovery', 'factors: [{ path: rate, range: [-0.2, 0.2] }, { path: cells, range: [5, 40], integer: true }]', 'design: { type: lhs, n: 16 }', 'replicates: 2', 'discovery: { outcome: "mean_level > 0.5" }', ...common],
};

/** Writes the experiment file of `kind` into `dir` (with its observed data for a backtest). */
export function toyKindFile(dir: string, kind: string): string {
  const observed = join(dir, 'observed.csv');
  writeFileSync(observed, ['indicator,time,value', 'level,0,0', 'level,10,0.5', 'level,20,1', 'level,30,1.5'].join('\n'));
  const file = join(dir, `${kind}.yaml`);
  const lines = TOY_KINDS[kind].map((l) => l.replace('OBSERVED', JSON.stringify(observed)));
  writeFileSync(file, [`scenario: ${JSON.stringify(join(fixtures, 'toy.yaml'))}`, ...lines, ''].join('\n'));
  return file;
}

/**
 * Every table of a store as exported CSV, for byte comparisons: runs without elapsed_ms (a
 * measurement, its last column), the manifest without its clock times and file path.
 */
export async function storeContents(db: string, dir: string): Promise<Record<string, string>> {
  await exportStore(db, { format: 'csv', outDir: dir });
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    const table = f.slice(0, -4);
    if (table === 'manifest') continue;
    let text = readFileSync(join(dir, f), 'utf8');
    if (table === 'runs') text = text.split('\n').map((l) => l.slice(0, Math.max(0, l.lastIndexOf(',')))).join('\n');
    out[table] = text;
  }
  const store = await ExperimentStore.open(db);
  const { started_at: _s, finished_at: _f, ...manifest } = await store.manifest();
  store.close();
  out.manifest = JSON.stringify(manifest);
  return out;
}
