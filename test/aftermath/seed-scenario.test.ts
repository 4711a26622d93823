import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../../src/engine/random.js';
import { evaluateTargets } from '../../src/experiment/targets.js';
import { aftermath, type AftermathScenario } from '../../src/models/aftermath/index.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { loadDefault, run, type Run } from './helpers.js';

/**
 * The seed's world (kazakhstan-2022-seed.yaml): "what must one believe for the seed to be
 * right?" Its assumptions were chosen so that its claims hold; this checks that they do, by
 * interval, on 4 replicates through the seed's five years.
 */
const FILE = fileURLToPath(new URL('../../scenarios/kazakhstan-2022-seed.yaml', import.meta.url));
const text = readFileSync(FILE, 'utf8');
const sc = parseScenarioText(text, FILE, { models: [aftermath] }).scenario as AftermathScenario;
const STEPS = Math.ceil((Date.parse('2027-01-04') - Date.parse(sc.t0)) / (7 * 86400000));
const runs: Run[] = [];

beforeAll(async () => {
  for (let r = 0; r < 4; r++) runs.push(await run(sc, deriveSeed(1, 0, r), [], STEPS));
}, 300_000);

describe("the seed's scenario", () => {
  it("meets every claim of the seed, by interval", () => {
    const results = evaluateTargets(sc, runs);
    expect(results.length).toBe(9);
    expect(results.filter((t) => !t.pass).map((t) => t.id)).toEqual([]);
  });

  it("differs from the data scenario only in assumptions marked as the seed's", () => {
    const data = loadDefault();
    const changed = text.split('\n').filter((line) => /the seed's/.test(line));
    expect(changed.length).toBeGreaterThan(4);
    // The seed's prison school lists radicals faster than the data scenario assumes.
    expect(sc.mechanisms.M7.listRadical).toBeGreaterThan(data.mechanisms.M7.listRadical);
    expect(sc.targets.some((t) => t.id === 'list_five_years')).toBe(true);
    expect(data.targets.some((t) => t.id === 'list_five_years')).toBe(false);
  });
});
