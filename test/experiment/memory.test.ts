import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runToy, tempDir } from './helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  // Typed-array contents (the series) live outside the JS heap proper.
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

describe('memory', () => {
  it('stays flat as runs accumulate: the heap after 1000 runs is about the heap after 200', async () => {
    const samples = new Map<number, number>();
    // 1000 runs of 400 steps with a two-column series: about 10 kB of results per run, 8 MB
    // over the last 800 runs if the runner kept them.
    await runToy(join(fixtures, 'toy-big.yaml'), join(tempDir(), 'big.duckdb'), {
      batchSize: 50,
      onProgress: (p) => {
        if ((p.done === 200 || p.done === 1000) && !samples.has(p.done)) samples.set(p.done, heapMb());
      },
    });
    const at200 = samples.get(200)!;
    const at1000 = samples.get(1000)!;
    console.log(`heap after 200 runs ${at200.toFixed(1)} MB, after 1000 runs ${at1000.toFixed(1)} MB`);
    expect(at1000 - at200).toBeLessThan(3);
  }, 60_000);
});
