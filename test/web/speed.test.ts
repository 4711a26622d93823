import { describe, expect, test } from 'vitest';
import { defaultSpeedIndex, RateMeter, SPEEDS } from '../../web/src/speed.js';

describe('workbench speed', () => {
  test('a run lasts at least about fifteen seconds at its default speed: 520 weeks go at 20 a second', () => {
    expect(SPEEDS[defaultSpeedIndex(520)]).toBe(20);
    expect(SPEEDS[defaultSpeedIndex(1000)]).toBe(50);
    expect(SPEEDS[defaultSpeedIndex(10)]).toBe(1);
    for (const steps of [30, 150, 500, 5000, 100_000]) expect(steps / SPEEDS[defaultSpeedIndex(steps)]).toBeGreaterThanOrEqual(15);
  });

  test('steps per second follow the last two seconds of the stepping clock, not the whole run', () => {
    const m = new RateMeter(2000);
    let step = 0;
    for (let t = 0; t <= 5000; t += 100) {
      m.mark(t, step);
      step += t < 3000 ? 10 : 5;
    }
    // 100 steps/s for three seconds, then 50: two seconds later only the new pace counts.
    expect(m.perSecond()).toBeCloseTo(50, 5);
  });

  test('a pause and a restart measure from the restart', () => {
    const m = new RateMeter(2000);
    m.mark(0, 0);
    m.mark(1000, 100);
    m.mark(60_000, 100);
    m.mark(61_000, 150);
    expect(m.perSecond()).toBeCloseTo(50, 5);
  });
});
