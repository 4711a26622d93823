import { describe, expect, it } from 'vitest';
import { OutburstCounter } from '../../bench/outbursts.js';

describe("the paper's outburst statistics", () => {
  it('counts maximal runs above 50, their activation and the waits between them, leaving out an unfinished one', () => {
    const counter = new OutburstCounter();
    [0, 60, 70, 0, 0, 55, 50, 80].forEach((active, t) => counter.add(t, active));
    // Outbursts: steps 1-2 (ends at 3, activation 130) and step 5 (starts 2 after, ends at 6,
    // activation 55); exactly 50 is not above the level; the one from step 7 is unfinished, so
    // its activation is unknown, but the wait before it (1) is known and counts.
    expect(counter.result()).toEqual({ count: 2, meanWait: 1.5, meanActivation: 92.5 });
  });

  it('reports zeros when nothing happens', () => {
    const counter = new OutburstCounter();
    for (let t = 0; t < 10; t++) counter.add(t, 3);
    expect(counter.result()).toEqual({ count: 0, meanWait: 0, meanActivation: 0 });
  });
});
