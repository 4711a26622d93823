/**
 * Child process of the Epstein section: times the TypeScript civil-violence model on one grid
 * and prints an EpsteinRun as one JSON line. Run as
 *   node --expose-gc dist/bench/epstein-ts-child.js W H STEPS SEED
 * A fresh process per run keeps the memory figure clean and the runs independent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Cell, SteppableModel } from '../src/engine/model.js';
import type { ModelDefinition } from '../src/models/types.js';
import { agentsOn, type EpsteinRun } from './epstein-run.js';
import { OutburstCounter } from './outbursts.js';
import { findRoot } from './paths.js';
import { canCollect, liveBytes } from './live-bytes.js';

type Factory = (width: number, height: number, seed: number) => SteppableModel;

/** The real model, built from scenarios/epstein/run2.yaml with only the grid size changed. */
async function modelFactory(root: string): Promise<Factory> {
  const url = pathToFileURL(join(root, 'dist', 'src', 'models', 'civil-violence', 'index.js')).href;
  const definition = (await import(url)).civilViolence as ModelDefinition;
  const document = parseYaml(readFileSync(join(root, 'scenarios', 'epstein', 'run2.yaml'), 'utf8')) as Record<string, any>;
  return (width, height, seed) => {
    const scenario = definition.schema.parse({ ...document, grid: { ...document.grid, width, height } });
    return definition.create(scenario, seed);
  };
}

function columnIndex(model: SteppableModel, name: string): number {
  const i = model.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`the model has no "${name}" column; it has ${model.columns.map((c) => c.name).join(', ')}`);
  return i;
}


async function main(): Promise<void> {
  const [w, h, steps, seed] = process.argv.slice(2, 6).map(Number);
  const factory = await modelFactory(findRoot());
  if (!canCollect) throw new Error('run with node --expose-gc so that memory can be measured');

  // Compile the hot paths first, as in any run long enough to matter. The warm-up model stays
  // reachable until the end: dropped and collected, it takes V8's type descriptions of the model
  // with it, the optimised code is thrown away ("weak objects" in --trace-deopt) and the measured
  // run compiles again in its first steps, which is what the warm-up is there to exclude. Its
  // bytes are in both live-byte readings, so they cancel out of modelBytes.
  const warm = factory(40, 40, seed + 1);
  for (let t = 0; t < 300; t++) warm.step();

  const before = liveBytes();
  const model = factory(w, h, seed);
  const row: Cell[] = [];
  const active = columnIndex(model, 'active');
  const jailed = columnIndex(model, 'jailed');
  const quiet = columnIndex(model, 'quiet');
  let seconds = 0;
  let cpuMicros = 0;
  let sumActive = 0;
  let sumJailed = 0;
  const outbursts = new OutburstCounter();
  for (let t = 0; t < steps; t++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    model.step();
    const c = process.cpuUsage(c0);
    seconds += (performance.now() - t0) / 1000;
    cpuMicros += c.user + c.system;
    model.observe(row);
    sumActive += row[active] as number;
    sumJailed += row[jailed] as number;
    outbursts.add(t, row[active] as number);
  }
  const modelBytes = liveBytes() - before;
  // Keeps the model reachable until after the measurement.
  if (model.stepCount !== steps) throw new Error(`the model counted ${model.stepCount} steps, expected ${steps}`);
  if (warm.stepCount !== 300) throw new Error(`the warm-up model counted ${warm.stepCount} steps, expected 300`);
  const agents = agentsOn(w, h);
  const run: EpsteinRun = {
    width: w,
    height: h,
    steps,
    seed,
    agents,
    seconds,
    cpuSeconds: cpuMicros / 1e6,
    updatesPerSecond: seconds > 0 ? (agents * steps) / seconds : 0,
    updatesPerCpuSecond: cpuMicros > 0 ? (agents * steps) / (cpuMicros / 1e6) : 0,
    final: { quiet: row[quiet] as number, active: row[active] as number, jailed: row[jailed] as number },
    mean: { active: steps ? sumActive / steps : 0, jailed: steps ? sumJailed / steps : 0 },
    outbursts: outbursts.result(),
    modelBytes,
  };
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
