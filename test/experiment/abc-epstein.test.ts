import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemorySink } from '../../src/engine/recorder.js';
import { simulate } from '../../src/engine/simulate.js';
import { loadExperiment } from '../../src/experiment/load.js';
import { LocalExecutor } from '../../src/experiment/local-executor.js';
import { runExperiment } from '../../src/experiment/runner.js';
import { loadScenario } from '../../src/scenario/load.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { ensureBuilt, root } from './build.js';
import { tempDir } from './helpers.js';

const SCENARIO = join(root, 'scenarios/epstein/run2.yaml');
const STEPS = 250;
const FROM = 20;

/** What an observer of one Run-2-like society (L = 0.82, a seed the calibration never uses) would measure. */
async function observe() {
  const { model, scenario } = loadScenario(SCENARIO);
  const sink = new MemorySink();
  await simulate(model.create(scenario, 424242), { steps: STEPS, sink });
  const active = sink.numbers('active');
  const jailed = sink.numbers('jailed');
  const mean = (xs: number[]) => xs.slice(FROM).reduce((a, b) => a + b, 0) / (xs.length - FROM);
  let outbursts = 0;
  active.forEach((a, i) => {
    if (a > 50 && !(i > 0 && active[i - 1] > 50)) outbursts++;
  });
  return { meanActive: mean(active), meanJailed: mean(jailed), outbursts };
}

describe("ABC-SMC on Epstein's Run 2", () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('recovers the legitimacy of a run it did not see', async () => {
    const obs = await observe();
    console.log(`observed: mean active ${obs.meanActive.toFixed(2)}, mean jailed ${obs.meanJailed.toFixed(2)}, outbursts ${obs.outbursts}`);
    const dir = tempDir('pk-abc-');
    const file = join(dir, 'calibrate.yaml');
    writeFileSync(
      file,
      [
        'kind: calibration',
        `scenario: ${JSON.stringify(SCENARIO)}`,
        'factors: [{ path: legitimacy, range: [0.6, 0.95] }]',
        'seed: 5',
        `steps: ${STEPS}`,
        'outputs:',
        '  summaries:',
        `    - { name: mean_active, stat: mean, indicator: active, from: ${FROM} }`,
        `    - { name: mean_jailed, stat: mean, indicator: jailed, from: ${FROM} }`,
        '    - { name: outbursts, stat: episodes, indicator: active, above: 50 }',
        'calibration:',
        '  population: 30',
        '  generations: 4',
        '  targets:',
        `    - { summary: mean_active, observed: ${obs.meanActive} }`,
        `    - { summary: mean_jailed, observed: ${obs.meanJailed} }`,
        `    - { summary: outbursts, observed: ${obs.outbursts}, scale: ${Math.max(1, obs.outbursts)} }`,
      ].join('\n'),
    );
    const db = join(dir, 'abc.duckdb');
    const out = await runExperiment(loadExperiment(file), { db, executor: (job) => new LocalExecutor(job, { workers: 2 }) });
    const store = await ExperimentStore.open(db);
    const [post] = await store.query(
      `SELECT sum(weight * legitimacy) AS mean, sqrt(sum(weight * legitimacy * legitimacy) - sum(weight * legitimacy) ^ 2) AS sd
       FROM posterior WHERE generation = (SELECT max(generation) FROM posterior)`,
    );
    const gens = await store.query('SELECT generation, epsilon FROM abc_generations ORDER BY generation');
    store.close();
    console.log(`${out.runs} runs; posterior legitimacy ${Number(post.mean).toFixed(3)} (sd ${Number(post.sd).toFixed(3)}); epsilons ${gens.map((g) => g.epsilon).join(', ')}`);
    expect(gens).toHaveLength(4);
    expect(Math.abs(Number(post.mean) - 0.82)).toBeLessThan(0.03);
    // The uniform prior on [0.6, 0.95] has sd 0.10; the data must have narrowed it a lot.
    expect(Number(post.sd)).toBeLessThan(0.04);
  }, 120_000);
});
