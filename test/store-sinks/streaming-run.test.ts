import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { sinkForFile } from '../../src/store/sinks/sink-for-file.js';
import { toyModel, toySchema } from '../scenario/toy-model.js';
import { tempDir } from '../scenario/helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('a long run streams to disk', () => {
  it.each(['csv', 'jsonl'])('%s: heap does not grow with the number of steps recorded', async (ext) => {
    const scenario = toySchema.parse({ model: 'toy', grid: { width: 2, height: 2 }, density: 1 });
    const model = toyModel.create(scenario, 3);
    const dir = tempDir();
    const out = join(dir, `long.${ext}`);
    const steps = 300_000;
    let early = 0;
    let late = 0;
    await simulate(model, {
      steps,
      sink: sinkForFile(out),
      groupSink: sinkForFile(join(dir, `regions.${ext}`)),
      onStep: (step) => {
        if (step === 10_000 || step === steps) {
          gc();
          if (step === 10_000) early = process.memoryUsage().heapUsed;
          else late = process.memoryUsage().heapUsed;
        }
      },
    });
    const header = ext === 'csv' ? 1 : 0;
    expect(readFileSync(out, 'utf8').trimEnd().split('\n').length).toBe(header + steps + 1);
    expect(statSync(join(dir, `regions.${ext}`)).size).toBeGreaterThan(steps * 2 * 10);
    // 590,000 more rows (main and regions) went by; kept in memory they would need tens of MB
    expect(late - early).toBeLessThan(3_000_000);
  });
});
