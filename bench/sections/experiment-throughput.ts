import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, Section } from '../section.js';
import { unavailable, type Table } from '../table.js';

const TITLE = 'Experiment throughput: runs per second with 1 and 2 workers (target 2 workers >= 1.8x)';

/**
 * TODO: once the experiment runner (src/experiment/) exists, run one small experiment with
 * 1 and then 2 worker threads, report runs per second and the speed-up, with a Check for >= 1.8.
 */
export const experimentThroughputSection: Section = {
  name: 'experiment-throughput',
  async run(ctx: BenchContext): Promise<Table> {
    if (!existsSync(join(ctx.root, 'dist', 'src', 'experiment', 'runner.js'))) {
      return unavailable(TITLE, 'the experiment runner (src/experiment/) has not landed (or is not built)');
    }
    return unavailable(TITLE, 'the experiment runner is present but this section has not been written yet');
  },
};
