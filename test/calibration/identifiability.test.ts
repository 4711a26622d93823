import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { runAbcSmc, type AbcGeneration } from '../../src/experiment/analysis/index.js';
import { identifiability, priorInterval, verdictOf } from '../../src/experiment/calibration/identifiability.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { readFileSync } from 'node:fs';
import { buildReport } from '../../src/report/build.js';
import { fixtures, runToy, tempDir } from '../experiment/helpers.js';

describe('identifiability: posterior against prior width', () => {
  it('uses the central 90 % prior interval', () => {
    expect(priorInterval({ name: 'a', kind: 'uniform', min: 0, max: 10 })).toEqual([0.5, 9.5]);
    const [lo, hi] = priorInterval({ name: 'b', kind: 'normal', mean: 1, sd: 2 });
    expect(lo).toBeCloseTo(1 - 2 * 1.644854, 5);
    expect(hi).toBeCloseTo(1 + 2 * 1.644854, 5);
  });

  it('gives ratio about 1 for a posterior that is the prior, and a small one for a narrow posterior', () => {
    const rng = new Rng(5, 'test');
    const particles = Array.from({ length: 4000 }, () => [rng.uniform(0, 10), 4 + rng.uniform(0, 0.9)]);
    const gen = { particles, weights: particles.map(() => 1 / particles.length) } as unknown as AbcGeneration;
    const [wide, narrow] = identifiability(
      [
        { name: 'wide', kind: 'uniform', min: 0, max: 10 },
        { name: 'narrow', kind: 'uniform', min: 0, max: 10 },
      ],
      gen,
    );
    expect(wide.width_ratio).toBeGreaterThan(0.95);
    expect(wide.width_ratio).toBeLessThan(1.05);
    expect(wide.verdict).toBe('not identified');
    expect(narrow.width_ratio).toBeCloseTo((0.9 * 0.9) / 9, 2);
    expect(narrow.posterior_median).toBeCloseTo(4.45, 1);
    expect(narrow.verdict).toBe('identified');
    expect([verdictOf(0.49), verdictOf(0.5), verdictOf(0.79), verdictOf(0.8)]).toEqual(['identified', 'weakly identified', 'weakly identified', 'not identified']);
  });

  it('tells the parameter the distance depends on from one it ignores, after ABC-SMC', async () => {
    const priors = [
      { name: 'used', kind: 'uniform' as const, min: 0, max: 1 },
      { name: 'ignored', kind: 'uniform' as const, min: 0, max: 1 },
    ];
    const result = await runAbcSmc({ priors, populationSize: 200, seed: 3, maxGenerations: 5 }, async (batch) => batch.map((c) => Math.abs(c.params[0] - 0.3)));
    const [used, ignored] = identifiability(priors, result.posterior);
    expect(used.verdict).toBe('identified');
    expect(used.posterior_median).toBeCloseTo(0.3, 1);
    expect(ignored.verdict).toBe('not identified');
  });
});

describe('calibration experiment store', () => {
  it('holds an identifiability row per calibrated parameter, and the report shows them', async () => {
    // The toy's level with noise 0 is t * rate whatever the number of cells: rate is fitted, cells not.
    const dir = tempDir('pk-ident-');
    const file = join(dir, 'e.yaml');
    writeFileSync(
      file,
      [
        `scenario: ${JSON.stringify(join(fixtures, 'toy.yaml'))}`,
        'kind: calibration',
        'set: { noise: 0 }',
        'steps: 40',
        'seed: 8',
        'outputs: { summaries: [{ name: mean_level, stat: mean, indicator: level, from: 10 }] }',
        'factors: [{ path: rate, range: [-0.3, 0.3] }, { path: cells, range: [5, 50], integer: true }]',
        'calibration: { population: 40, generations: 4, targets: [{ summary: mean_level, observed: 2.5 }] }',
      ].join('\n'),
    );
    const db = join(dir, 'e.duckdb');
    await runToy(file, db);
    const store = await ExperimentStore.open(db);
    const rows = await store.query('SELECT * FROM identifiability ORDER BY parameter');
    store.close();
    expect(rows.map((r) => [r.parameter, r.verdict])).toEqual([
      ['cells', 'not identified'],
      ['rate', 'identified'],
    ]);
    const rate = rows.find((r) => r.parameter === 'rate')!;
    expect(Number(rate.posterior_median)).toBeCloseTo(0.1, 1);
    expect(Number(rate.prior_low)).toBeCloseTo(-0.27, 10);
    const report = await buildReport(db, { out: join(dir, 'r.html') });
    expect(report.sections).toContain('identifiability');
    const html = readFileSync(report.out, 'utf8');
    const table = html.slice(html.indexOf('id="identifiability-table"'), html.indexOf('</table>', html.indexOf('id="identifiability-table"')));
    // Sorted by width ratio: the identified rate first, then cells.
    expect([...table.matchAll(/<tr><td>([a-z]+)<\/td>/g)].map((m) => m[1])).toEqual(['rate', 'cells']);
    expect(table).toContain('<b>not identified</b>');
  });
});
