import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { civilViolenceSchema, type CivilViolenceInput, type CivilViolenceScenario } from '../../src/models/civil-violence/schema.js';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { addCitizen, addCop } from '../../src/models/civil-violence/setup.js';
import { grievance } from '../../src/models/civil-violence/rules.js';
import { ACTIVE, BLUE, type World } from '../../src/models/civil-violence/world.js';

/** A scenario from its input fields, defaults filled in as a scenario file would get them. */
export function scenario(input: Partial<CivilViolenceInput> = {}): CivilViolenceScenario {
  return civilViolenceSchema.parse({ model: 'civil-violence', ...input });
}

export function paperRun(n: number, changes: Record<string, unknown> = {}): CivilViolenceScenario {
  const doc = parse(readFileSync(new URL(`../../scenarios/epstein/run${n}.yaml`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return civilViolenceSchema.parse({ ...doc, ...changes });
}

/** An empty lattice on which a test places agents by hand. */
export function emptyLattice(input: Partial<CivilViolenceInput> = {}, seed = 1): { model: CivilViolenceModel; w: World } {
  const model = new CivilViolenceModel(scenario({ grid: { width: 21, height: 21 }, ...input }), seed, { empty: true });
  return { model, w: model.world };
}

export interface CitizenSpec {
  hardship?: number;
  risk?: number;
  active?: boolean;
  group?: number;
}

export function citizenAt(w: World, x: number, y: number, spec: CitizenSpec = {}): number {
  const id = addCitizen(w, w.torus.cell(x, y), spec.group ?? BLUE);
  w.hardship[id] = spec.hardship ?? 0.5;
  w.riskAversion[id] = spec.risk ?? 0.5;
  if (w.rules.grievanceFixedAtSetup) w.fixedGrievance[id] = grievance(w.hardship[id], w.legitimacy, w.thresholdFactor);
  w.staleQuietFrom();
  if (spec.active) w.setState(id, ACTIVE);
  return id;
}

export function copAt(w: World, x: number, y: number): number {
  return addCop(w, w.torus.cell(x, y));
}

export function series(model: CivilViolenceModel, steps: number, names: readonly string[]): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const idx = names.map((n) => {
    const i = model.columns.findIndex((c) => c.name === n);
    if (i < 0) throw new Error(`no column ${n}`);
    return i;
  });
  const row: (number | string)[] = [];
  for (let t = 0; t < steps; t++) {
    model.step();
    model.observe(row);
    names.forEach((n, j) => out[n].push(row[idx[j]] as number));
  }
  return out;
}
