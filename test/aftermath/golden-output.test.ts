import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/capture.js';
import { tempDir } from '../scenario/helpers.js';

/**
 * Golden outputs of the aftermath model: the SHA-256 of the national and the per-region CSV
 * bytes `powderkeg run` writes, for fixed scenarios, seeds and switched-off mechanisms.
 * Recorded from main before the mechanisms became plug-ins (2026-12-02); every refactor must
 * leave them unchanged (same scenario + seed = same bytes). A changed hash means the runs
 * changed: find out why, never just re-record it. Re-recorded 2026-12-03 for two mechanism
 * changes: M9 recruits among the still aggrieved (harmFloor), M6 erodes by the signed excess over its norm.
 */
const DEFAULT = join('scenarios', 'kazakhstan-2022.yaml');
const SEED_SCENARIO = join('scenarios', 'kazakhstan-2022-seed.yaml');
const small = (scale: number, steps: number) => ['--set', `scale=${scale}`, '--steps', String(steps)];
const dir = tempDir();

/** The default scenario with every kind of intervention, so the whole timeline runs. */
function withAllInterventions(): string {
  const text = readFileSync(DEFAULT, 'utf8').replace(
    /^interventions:\n/m,
    [
      'interventions:',
      '  - { type: spark, date: 2023-03-06, regions: [mangystau], size: 60, reach: 4000 }',
      '  - { type: hardship, date: 2023-06-05, factor: 1.3, weeks: 8 }',
      '  - { type: legitimacy, date: 2023-09-04, regions: [almaty_city, astana], change: -0.02 }',
      '  - { type: destination, date: 2024-01-01, destination: georgia, acceptance: 0.9, asylum: 0.5, danger: 0 }',
      '  - { type: repression, date: 2024-03-04, regions: [shymkent], intensity: 2 }',
      '',
    ].join('\n'),
  );
  const file = join(dir, 'all-interventions.yaml');
  writeFileSync(file, text);
  return file;
}

/** Recorded hashes by case name. */
const SHA256: Record<string, string> = {
  'default, seed 1': '2165db51f9dd39546454db916d5b1c90bed6cbf01f6d0de2e9d7fdf6af62c587',
  'default, seed 2': '10e1ea3cc9ea296610f8f4562a6438e8397091f49627d2b5ac953cf309626269',
  'default, seed 3': 'f11da8c6070128181cf9860a2c4ea9fb61fa6a42355defcf7c08ab316d5e4cfc',
  'default, M1 off': '2a9449f8fc7aaea073bae764bd41be051b3b10a134f194ad9a392d9438dd30f9',
  'default, M2 off': '3466ae21f992b216c8e6b0c1a92063306762e9b2197e580db1e945fc100da340',
  'default, M3 off': 'd6db6fe5c09aaeb8360be192310faf381e1fd76a44acda3a4122c88092c6d7dc',
  'default, M4 off': 'ccafe3ab891a18f81d48b469346251fa64a58560b8312dd9afc724f13e5d30d8',
  'default, M5 off': '662a7c40348ed2320a131ac1b40435ef30c29f78ef774a6991308360af4c2a5f',
  'default, M6 off': '645980d1e633f9a8f586332b6c7ca0673dc163dea62122d2a4f7941781bcea1b',
  'default, M7 off': 'cdb947821ff61395294a4501e495bcb31ead6a057c986a87ac9655d5deb77532',
  'default, M8 off': 'dabf1d6b004f3231762ec3e848eee4490605e02cadfdc04d21aae2e69b2a9028',
  'default, M9 off': '4e8a42852f41f2f733136991d67a6cf1a035afb7bf40ffbfdb135eb8eca7d70e',
  'default, M10 off': '14fc91661177ef28340d77e0cc3ef1d7b5699bbfafa34637cf7b994fce19c573',
  'default, M11 off': 'f1af19f370d1ba452cea2efd1c0931530d850271a693663f13b16c652ab5661b',
  'default, every mechanism off': '0715344bd72217961485d2d691bf6e339f625d4e755cfa382c36ab0f91010e49',
  'seed scenario, seed 1': '7c35cd1ffab40871eb5947fd5c401b360b242601d6091419e7a638711cc6bf60',
  'seed scenario, seed 2': '0d6b6b7083224d88713266f4d880f816aeb3982e9deb4e561244c59cd4d64314',
  'default, activation-mode wave after a burn-in': '4f85d5429cfd18433c91fb1fde7f1bf35648c2ba00e979add8cf79d3a10ac6de',
  'default with every kind of intervention': 'bc521e90f1e7a7b94010c8003b0ad6b36b6d968a68005dc9a4e8b74110c5a16a',
};

interface Case {
  name: string;
  scenario: () => string;
  args: string[];
}

const CASES: Case[] = [
  ...[1, 2, 3].map((seed) => ({ name: `default, seed ${seed}`, scenario: () => DEFAULT, args: ['--seed', String(seed), ...small(600, 312)] })),
  ...['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11'].map((id) => ({
    name: `default, ${id} off`,
    scenario: () => DEFAULT,
    args: ['--seed', '7', '--disable', id, ...small(600, 260)],
  })),
  { name: 'default, every mechanism off', scenario: () => DEFAULT, args: ['--seed', '7', ...['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11'].flatMap((id) => ['--disable', id]), ...small(600, 104)] },
  ...[1, 2].map((seed) => ({ name: `seed scenario, seed ${seed}`, scenario: () => SEED_SCENARIO, args: ['--seed', String(seed), ...small(600, 312)] })),
  { name: 'default, activation-mode wave after a burn-in', scenario: () => DEFAULT, args: ['--seed', '3', '--set', 'mechanisms.M1.mode=activation', '--set', 'mechanisms.M1.shock=1.6', '--set', 'burnIn=52', ...small(600, 260)] },
  { name: 'default with every kind of intervention', scenario: withAllInterventions, args: ['--seed', '5', ...small(500, 260)] },
];

describe('golden outputs of powderkeg run (aftermath)', () => {
  for (const c of CASES) {
    it(`${c.name}: the national and regional CSV bytes are unchanged`, async () => {
      const base = join(dir, c.name.replace(/\W+/g, '-'));
      const r = await runCli(['run', c.scenario(), '--out', `${base}.csv`, '--out-regions', `${base}-regions.csv`, ...c.args]);
      expect(r.code, r.stderr).toBe(0);
      const national = readFileSync(`${base}.csv`);
      const regions = readFileSync(`${base}-regions.csv`);
      // The series must hold a real run, or the hash would pin nothing.
      const steps = Number(c.args[c.args.indexOf('--steps') + 1]);
      expect(national.toString('utf8').trimEnd().split('\n').length).toBe(steps + 2);
      expect(regions.length).toBeGreaterThan(national.length);
      const sha = createHash('sha256').update(national).update(regions).digest('hex');
      expect(sha).toBe(SHA256[c.name]);
    });
  }
});
