import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasGnuTime, lastJsonLine, runChild } from '../../bench/child.js';

const dir = mkdtempSync(join(tmpdir(), 'powderkeg-child-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('child processes of the bench', () => {
  it.skipIf(!hasGnuTime())("measures a child's peak memory from outside", async () => {
    const bytes = 150 * 1024 * 1024;
    const script = `const b = Buffer.alloc(${bytes}); b.fill(1); console.log(JSON.stringify({ sum: b[7] }))`;
    const result = await runChild(process.execPath, ['-e', script]);
    expect(lastJsonLine<{ sum: number }>(result, 'node')).toEqual({ sum: 1 });
    expect(result.peakRssBytes).toBeGreaterThan(bytes);
    expect(result.peakRssBytes).toBeLessThan(bytes + 200 * 1024 * 1024);
  });

  it('stops a child past its timeout, grandchildren included', async () => {
    const marker = join(dir, 'late');
    const result = await runChild('sh', ['-c', `sleep 1 && touch ${marker}`], { timeoutMs: 200 });
    expect(result.timedOut).toBe(true);
    expect(() => lastJsonLine(result, 'sleeper')).toThrow(/stopped after/);
    await new Promise((r) => setTimeout(r, 1300));
    expect(existsSync(marker)).toBe(false);
  });

  it('reports a failing child with its error output', async () => {
    const result = await runChild(process.execPath, ['-e', 'console.error("broken model"); process.exit(3)']);
    expect(result.code).toBe(3);
    expect(() => lastJsonLine(result, 'model run')).toThrow(/model run exited with 3: broken model/);
  });
});
