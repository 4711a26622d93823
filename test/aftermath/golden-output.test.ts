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
 * Re-recorded 2026-12-04 for the default scenario's stage-0 values (burnIn 2000, routineArrest 0.001,
 * M7.listExit 0.0155, M9.disengageRate 0.004, which peaceful members now share with radicals:
 * docs/calibration.md); the seed scenario's are unchanged.
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
  'default, seed 1': 'cc2d4ab641224a6f359f1706cd863b9c350b7d4a4eca28a1191477fa51d61caa',
  'default, seed 2': '86adc10dd83c135fb98dd495cbc2362a530bb5236da2136d85925d730b387ac4',
  'default, seed 3': '4659e9d300fa7678e2626795479a4b14bef32f1a791e7dbf0147685f76e5dc27',
  'default, M1 off': '057a39399beae31d5ffc9e3eaa290627ca5570669f10ce079a04b078969fd412',
  'default, M2 off': 'ebcfb3c7460b7c337ce74ef6b5303a2bca927c3a2c5dba0924df2d449aae2639',
  'default, M3 off': '50a1bbe1f9c0691b872a6587ce2ebeffc64d36fcb5e5c4a54f85d4ba723109eb',
  'default, M4 off': '01a24d3884ca967343030e1d36fb87349a7ef7cf7831b9accfb0da1958f1ef1c',
  'default, M5 off': '5586a366404a1d7b1f1f1b47cb9b77b326ac4501e3844bfb1e1202fe8b493eec',
  'default, M6 off': 'c1aa5d71eaf305e7670fe77297b16cd52cfc1161a9a162856033b1584d4e1f66',
  'default, M7 off': '8b192173f5759f418e95753baa1666e48133d36f94d125b24920b1240ac91722',
  'default, M8 off': '620eb33cbedea898da3146f8c7a118333d3c5f22c0eef240812e721496f74860',
  'default, M9 off': '0f8c0c6f5bbaefba7d6fd8b5447c85f0000b07237b4244c98c3ca99365b544a3',
  'default, M10 off': '7d97fad6afddb11cedfd1b1a71ccdd24a4239804668975d2385a0c24ef6df7fa',
  'default, M11 off': 'da50153e716ca39601f64b8b2181490a432ca243eb52c1340b172258d84f8fa4',
  'default, every mechanism off': 'b9b736d70062c2a7a9aa93b3dca25ed88be4f6cdb2a86403d345cecabc94ad3f',
  'seed scenario, seed 1': '7c35cd1ffab40871eb5947fd5c401b360b242601d6091419e7a638711cc6bf60',
  'seed scenario, seed 2': '0d6b6b7083224d88713266f4d880f816aeb3982e9deb4e561244c59cd4d64314',
  'default, activation-mode wave after a burn-in': '0ec4be76c5ff98555dfc4cdc0354e773bb1c49a4808859312e789154cc177be5',
  'default with every kind of intervention': '37fc03fbf37684070ce71040b583203bd98a72343943807f2580a5f2e5e2a476',
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
