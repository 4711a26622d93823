import { z } from 'zod';
import type { ModelDefinition } from '../../src/models/types.js';
import type { SteppableModel } from '../../src/engine/model.js';
import { toyModel, toySchema, type ToyScenario } from '../scenario/toy-model.js';

/** The toy model without grouped series (for --out-regions errors). */
export const flatModel: ModelDefinition<ToyScenario> = {
  ...toyModel,
  id: 'flat',
  schema: (toyModel.schema as typeof toySchema).extend({ model: z.literal('flat') }) as unknown as ModelDefinition<ToyScenario>['schema'],
  mechanisms: undefined,
  create(scenario, seed) {
    const inner = toyModel.create({ ...scenario, model: 'toy' } as ToyScenario, seed);
    return {
      get stepCount() {
        return inner.stepCount;
      },
      columns: inner.columns,
      step: () => inner.step(),
      observe: (row) => inner.observe(row),
    } satisfies SteppableModel;
  },
};

/** The toy model failing in the middle of a run, like a bug would. */
export const brokenModel: ModelDefinition<ToyScenario> = {
  ...toyModel,
  id: 'broken',
  schema: (toyModel.schema as typeof toySchema).extend({ model: z.literal('broken') }) as unknown as ModelDefinition<ToyScenario>['schema'],
  create(scenario, seed) {
    const inner = toyModel.create(scenario, seed);
    const step = inner.step.bind(inner);
    inner.step = () => {
      if (inner.stepCount === 3) throw new Error('model bug at step 3');
      step();
    };
    return inner;
  },
};
