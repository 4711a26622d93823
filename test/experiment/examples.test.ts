import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperiment } from '../../src/experiment/load.js';
import { plannedRuns } from '../../src/experiment/planned-runs.js';
import { root } from './build.js';

const dir = join(root, 'experiments');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('the example experiments', () => {
  it('cover every kind', () => {
    const kinds = new Set(files.map((f) => loadExperiment(join(dir, f)).experiment.kind));
    expect([...kinds].sort()).toEqual(['attribution', 'backtest', 'calibration', 'discovery', 'ensemble', 'sensitivity', 'sweep']);
  });

  it.each(files)('%s is valid and small enough to run in seconds', (file) => {
    const x = loadExperiment(join(dir, file));
    expect(plannedRuns(x.experiment) * x.steps).toBeLessThan(100_000);
  });
});
