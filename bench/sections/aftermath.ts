import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, Section } from '../section.js';
import { unavailable, type Table } from '../table.js';

const TITLE = 'Aftermath model: time and peak memory at 1 person per agent and at the default scale';

/**
 * TODO: once src/models/aftermath (export `aftermath`) is built, run it in a child process
 * (runChild from ../child.js gives the peak RSS) at scale 1 and at the default scale, and
 * report seconds per simulated year, peak RSS and bytes per agent.
 */
export const aftermathSection: Section = {
  name: 'aftermath',
  async run(ctx: BenchContext): Promise<Table> {
    if (!existsSync(join(ctx.root, 'dist', 'src', 'models', 'aftermath', 'index.js'))) {
      return unavailable(TITLE, 'src/models/aftermath has not landed (or is not built)');
    }
    return unavailable(TITLE, 'the aftermath model is present but this section has not been written yet');
  },
};
