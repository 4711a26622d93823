import { describe, expect, it } from 'vitest';
import { ablationModel } from '../../src/experiment/ablation-model.js';
import type { Cell } from '../../src/engine/model.js';
import { loadDefault } from '../aftermath/helpers.js';

describe('the ablation model describes its columns without building a run', () => {
  it('the flattened per-region columns from the definition equal those of a built model, and its rows fill them', () => {
    const base = { ...loadDefault(['scale=4000']), ablate: 'M7' };
    const s = ablationModel.schema.parse(base);
    const declared = ablationModel.columns(s);
    const model = ablationModel.create(s, 1);
    expect(model.columns).toEqual(declared);
    const regions = loadDefault().regions.length;
    expect(declared.filter((c) => c.name.startsWith('detained__'))).toHaveLength(regions);
    model.step();
    const row: Cell[] = [];
    model.observe(row);
    expect(row).toHaveLength(declared.length);
    expect(row.every((v) => v !== undefined)).toBe(true);
  });
});
