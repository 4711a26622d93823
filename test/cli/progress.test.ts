import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const w = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(w, { isTTY, columns: 100, rows: 30 });
  return { stream: w, text: () => text };
}

function drive(options: { isTTY: boolean; json?: boolean; delayMs: number }): string {
  const { stream, text } = fakeStream(options.isTTY);
  const p = createProgress({ label: 'toy', total: 10, json: options.json, delayMs: options.delayMs, stream });
  for (let i = 1; i <= 10; i++) p.update(i, { active: i * 2 });
  p.stop();
  return text();
}

describe('createProgress', () => {
  it('draws on a terminal once the delay has passed, with the label, counts and extras', () => {
    const out = drive({ isTTY: true, delayMs: 0 });
    expect(out).toContain('toy');
    expect(out).toMatch(/\d+\/10/);
    expect(out).toContain('active');
  });
  it('stays silent for quick work, for --json and when not a terminal', () => {
    expect(drive({ isTTY: true, delayMs: 60_000 })).toBe('');
    expect(drive({ isTTY: true, json: true, delayMs: 0 })).toBe('');
    expect(drive({ isTTY: false, delayMs: 0 })).toBe('');
  });
});
