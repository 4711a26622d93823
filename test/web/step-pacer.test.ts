import { describe, expect, test } from 'vitest';
import { StepPacer } from '../../web/src/worker/step-pacer.js';

describe('pacing of the running workbench', () => {
  test('a rate in steps per second is kept over time, the first step coming at once', () => {
    const p = new StepPacer();
    p.start(10, 0);
    let total = 0;
    for (let t = 0; t <= 2000; t += 16) {
      const n = p.due(t);
      p.spent(n);
      total += n;
    }
    // One step at once plus ten a second for two seconds.
    expect(total).toBeGreaterThanOrEqual(20);
    expect(total).toBeLessThanOrEqual(21);
  });

  test('a stall is not followed by a burst of more than a tenth of a second of steps', () => {
    const p = new StepPacer();
    p.start(100, 0);
    p.spent(p.due(0));
    expect(p.due(5000)).toBe(10);
  });

  test('no limit means as many steps as the time budget allows', () => {
    const p = new StepPacer();
    p.start(Infinity, 0);
    expect(p.unlimited).toBe(true);
    expect(p.due(1)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
