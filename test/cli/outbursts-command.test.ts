import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/engine/model.js';
import { sinkForFile } from '../../src/store/sinks/sink-for-file.js';
import { tempDir } from '../scenario/helpers.js';
import { runCli } from './capture.js';

// Outbursts above 50 not touching either end: steps 1-2 (60+70), 6 (80), 8-10 (3 x 55).
const ACTIVE = [0, 60, 70, 0, 0, 0, 80, 0, 55, 55, 55, 0];
const columns: Column[] = [
  { name: 'step', type: 'int' },
  { name: 'active', type: 'int' },
  { name: 'jailed', type: 'int' },
];

async function seriesFile(dir: string, ext: string): Promise<string> {
  const file = join(dir, `series.${ext}`);
  const sink = sinkForFile(file);
  await sink.open(columns);
  for (let i = 0; i < ACTIVE.length; i++) await sink.write([i, ACTIVE[i], 100 - ACTIVE[i]]);
  await sink.close();
  return file;
}

describe('powderkeg outbursts', () => {
  it('computes count, waits, activations and peaks the same from CSV, JSON Lines and Parquet', async () => {
    const dir = tempDir();
    for (const ext of ['csv', 'jsonl', 'parquet']) {
      const r = await runCli(['outbursts', await seriesFile(dir, ext), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s.count).toBe(3);
      expect(s.starts).toEqual([1, 6, 8]);
      expect(s.waits).toEqual([3, 1]);
      expect(s.activations).toEqual([130, 80, 165]);
      expect(s.waitMean).toBe(2);
      expect(s.waitSd).toBeCloseTo(Math.SQRT2, 12);
      expect(s.activationMean).toBe(125);
      expect(s.activationSd).toBeCloseTo(Math.sqrt(1825), 10);
      expect(s.peakMean).toBeCloseTo(205 / 3, 12);
    }
  });

  it('honours --threshold and --column and prints a readable summary', async () => {
    const dir = tempDir();
    const file = await seriesFile(dir, 'csv');
    const high = JSON.parse((await runCli(['outbursts', file, '--threshold', '65', '--json'])).stdout);
    expect(high.activations).toEqual([70, 80]);
    const jailed = JSON.parse((await runCli(['outbursts', file, '--column', 'jailed', '--threshold', '90', '--json'])).stdout);
    expect(jailed.starts).toEqual([3, 7]); // the runs at steps 0 and 11 touch the ends
    const human = await runCli(['outbursts', file]);
    expect(human.stdout).toMatch(/3 outbursts/);
    expect(human.stdout).toMatch(/waiting time\s+mean 2\s+s\.d\. 1\.41421/);
  });

  it('reports a missing column (listing the columns), a missing file, a bad threshold and a non-number', async () => {
    const dir = tempDir();
    const file = await seriesFile(dir, 'csv');
    const col = await runCli(['outbursts', file, '--column', 'actve']);
    expect(col.code).toBe(2);
    expect(col.stderr).toBe(`${file}: --column: no column "actve"; the columns are step, active, jailed\n`);
    const missing = await runCli(['outbursts', join(dir, 'none.csv')]);
    expect(missing).toMatchObject({ code: 2, stderr: `${join(dir, 'none.csv')}: file not found\n` });
    const thr = await runCli(['outbursts', file, '--threshold', 'lots']);
    expect(thr.code).toBe(2);
    expect(thr.stderr).toMatch(/^--threshold: expected a number/);
    const text = join(dir, 'text.csv');
    writeFileSync(text, 'step,active\n0,1\n1,many\n');
    const nan = await runCli(['outbursts', text]);
    expect(nan.code).toBe(2);
    expect(nan.stderr).toContain('active (row 2)');
  });
});
