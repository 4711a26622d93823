import type { ModelDefinition } from '../models/types.js';
import type { JobSpec } from './executor.js';

/** The model of a job: from the registry, or from a module that default-exports a definition. */
export async function resolveModel(spec: JobSpec['model']): Promise<ModelDefinition> {
  if (spec.module) {
    const mod = (await import(spec.module)) as { default?: ModelDefinition };
    if (!mod.default || typeof mod.default.create !== 'function') throw new Error(`${spec.module} does not default-export a model definition`);
    return mod.default;
  }
  const { getModel } = await import('../models/registry.js');
  const model = getModel(spec.id);
  if (!model) throw new Error(`no model "${spec.id}" in the registry`);
  return model;
}
