import type { ModelDefinition } from './types.js';
import { civilViolence } from './civil-violence/index.js';
import { aftermath } from './aftermath/index.js';

/**
 * Every model a scenario's `model:` field may name. A plain list on purpose: adding a model is
 * one import and one entry here.
 */
export const models: ModelDefinition[] = [civilViolence, aftermath];

export function getModel(id: string): ModelDefinition | undefined {
  return models.find((m) => m.id === id);
}
