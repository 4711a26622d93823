/**
 * Child process of the aftermath section: builds the aftermath model from a scenario at a
 * given scale, runs some weeks and prints one JSON line with timings and memory. A process of
 * its own per scale so that the peak RSS is this model's alone:
 *   node --expose-gc dist/bench/aftermath-child.js SCENARIO SCALE|default WEEKS|horizon SEED
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Cell } from '../src/engine/model.js';
import type { ModelDefinition } from '../src/models/types.js';
import { findRoot } from './paths.js';
import { liveBytes } from './live-bytes.js';

export interface AftermathRun {
  readonly scale: number;
  readonly people: number;
  readonly agents: number;
  readonly weeks: number;
  readonly setupSeconds: number;
  readonly secondsPerWeek: number;
  /** Growth of V8 heap + ArrayBuffers from before the model was built to after the run, bytes. */
  readonly modelBytes: number;
  /** The child's own peak RSS (process.resourceUsage), bytes: a fallback where GNU time is absent. */
  readonly maxRssBytes: number;
}


async function main(): Promise<void> {
  const [file, scaleText, weeksText, seedText] = process.argv.slice(2, 6);
  // "default": the scenario's own scale; "horizon": its own run length (or the schema's defaults).
  const seed = Number(seedText);
  const root = findRoot();
  const url = pathToFileURL(join(root, 'dist', 'src', 'models', 'aftermath', 'index.js')).href;
  const definition = (await import(url)).aftermath as ModelDefinition;
  const document = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const input = scaleText === 'default' ? document : { ...document, scale: Number(scaleText) };
  const scenario = definition.schema.parse(input) as { scale: number; horizon: number; regions: { population: number }[] };
  const scale = scenario.scale;
  const weeks = weeksText === 'horizon' ? scenario.horizon : Number(weeksText);
  const people = scenario.regions.reduce((sum, r) => sum + r.population, 0);

  const before = liveBytes();
  const t0 = performance.now();
  const model = definition.create(scenario, seed);
  const t1 = performance.now();
  for (let w = 0; w < weeks; w++) model.step();
  const t2 = performance.now();
  const row: Cell[] = [];
  model.observe(row);
  if (row.length !== model.columns.length) throw new Error('the model observed fewer values than it has columns');
  const modelBytes = liveBytes() - before;
  const run: AftermathRun = {
    scale,
    people,
    agents: Math.round(people / scale),
    weeks,
    setupSeconds: (t1 - t0) / 1000,
    secondsPerWeek: weeks > 0 ? (t2 - t1) / 1000 / weeks : 0,
    modelBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
