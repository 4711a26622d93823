import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MemorySink } from '../../src/engine/recorder.js';
import { simulate } from '../../src/engine/simulate.js';
import { aftermath, type AftermathScenario } from '../../src/models/aftermath/index.js';
import { assemble } from '../../src/models/aftermath/assemble.js';
import { MECHANISMS } from '../../src/models/aftermath/mechanisms/index.js';
import type { AftermathModel } from '../../src/models/aftermath/model.js';
import { createWorld } from '../../src/models/aftermath/population.js';
import type { World } from '../../src/models/aftermath/state.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

export const DEFAULT_FILE = fileURLToPath(new URL('../../scenarios/kazakhstan-2022.yaml', import.meta.url));

export function loadDefault(set: readonly string[] = []): AftermathScenario {
  return parseScenarioText(readFileSync(DEFAULT_FILE, 'utf8'), DEFAULT_FILE, { models: [aftermath], set }).scenario as AftermathScenario;
}

/** Parses a scenario document (an object) through the model's schema. */
export function parse(doc: unknown): AftermathScenario {
  return aftermath.schema.parse(doc);
}

/** A small two-region world at scale 1 for unit tests of single rules. */
export function smallScenario(extra: Record<string, unknown> = {}): AftermathScenario {
  return parse({
    model: 'aftermath',
    scale: 1,
    regions: [
      { id: 'a', name: 'A', population: 4000, legitimacy: 0.8 },
      { id: 'b', name: 'B', population: 6000, legitimacy: 0.8 },
    ],
    ...extra,
  });
}

/** A small world with the registry's mechanisms, some switched off. */
export function smallWorld(extra: Record<string, unknown> = {}, disable: readonly string[] = [], seed = 1): World {
  const sc = smallScenario(extra);
  return createWorld(sc, seed, assemble(MECHANISMS, disable, sc));
}

export interface Run {
  national: MemorySink;
  regions: MemorySink;
  model: AftermathModel;
}

export async function run(sc: AftermathScenario, seed: number, disable: readonly string[] = [], steps = sc.horizon): Promise<Run> {
  const model = aftermath.create(sc, seed, { disable }) as AftermathModel;
  const national = new MemorySink();
  const regions = new MemorySink();
  await simulate(model, { steps, sink: national, groupSink: regions });
  return { national, regions, model };
}

/** Value of a national column at a step. */
export function at(r: Run, column: string, step: number): number {
  return r.national.numbers(column)[step];
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
