import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuilt } from './built.js';
import { findRoot } from '../../bench/paths.js';
import type { BenchContext } from '../../bench/section.js';
import { aftermathSection } from '../../bench/sections/aftermath.js';
import { experimentThroughputSection } from '../../bench/sections/experiment-throughput.js';
import { sections } from '../../bench/sections/index.js';

const root = findRoot();
const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-bench-sections-'));
afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));
const ctx: BenchContext = { quick: true, rounds: 1, root, tmpDir, log: () => undefined };
// Both sections run compiled code (child processes, worker threads): each test builds it or fails.

describe('the bench sections', () => {
  it('have distinct names', () => {
    const names = sections.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['epstein', 'startup', 'mesa', 'aftermath', 'experiment-throughput', 'web-frame', 'redis-scaling']);
  });

  it(
    'aftermath: builds the model in a child process and reports its time and memory',
    async () => {
      requireBuilt('bench/aftermath-child.js', 'src/models/aftermath/index.js');
      const table = await aftermathSection.run(ctx);
      expect(table.rows).toHaveLength(1);
      const row = table.rows[0];
      expect(row.scale).toBe(1000);
      expect(row.agents).toBeGreaterThan(1000);
      expect(row.setupSeconds).toBeGreaterThan(0);
      expect(row.peakRss).toBeGreaterThan(10 * 1024 * 1024);
      // Typed arrays for every agent and its ties: some tens of bytes each, not kilobytes.
      expect(row.bytesPerAgent).toBeGreaterThan(8);
      expect(row.bytesPerAgent).toBeLessThan(5000);
    },
    60_000,
  );

  it(
    'experiment throughput: runs the same job on 1 and 2 workers and compares them',
    async () => {
      requireBuilt('src/experiment/worker.js');
      const table = await experimentThroughputSection.run(ctx);
      expect(table.rows.map((r) => r.workers)).toEqual([1, 2]);
      for (const r of table.rows) expect(r.runsPerSecond).toBeGreaterThan(0);
      expect(table.rows[1].speedup).toBeCloseTo((table.rows[1].runsPerSecond as number) / (table.rows[0].runsPerSecond as number), 10);
      expect(typeof table.checks[0].pass).toBe('boolean');
    },
    60_000,
  );
});
