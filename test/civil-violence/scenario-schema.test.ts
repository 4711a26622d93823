import { describe, expect, it } from 'vitest';
import { civilViolenceSchema } from '../../src/models/civil-violence/schema.js';
import { paperRun, scenario } from './lattice-builder.js';

const issues = (input: unknown) => {
  const r = civilViolenceSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('civil-violence scenario schema', () => {
  it('defaults are Run 2 of the paper', () => {
    const s = scenario();
    expect(s.variant).toBe('I');
    expect(s.rules).toBe('epstein2002');
    expect(s.grid).toEqual({ width: 40, height: 40 });
    expect(s.citizens.density).toBe(0.7);
    expect(s.cops.density).toBe(0.04);
    expect(s.vision).toEqual({ citizen: 7, cop: 7 });
    expect(s.legitimacy).toBe(0.82);
    expect(s.threshold).toBe(0.1);
    expect(s.k).toBe(2.302585);
    expect(s.jail.max_term).toBe(30);
    expect(s.citizens_move).toBe(true);
    expect(s.reproduction.probability).toBe(0.05);
    expect(s.age.max).toBe(200);
    expect(s.schedule).toEqual([]);
  });

  it('all eight paper runs parse; YAML .inf is an infinite jail term', () => {
    for (let n = 1; n <= 8; n++) expect(() => paperRun(n)).not.toThrow();
    expect(paperRun(3).jail.max_term).toBe(Infinity);
  });

  it('unknown fields are errors, with their path', () => {
    expect(issues({ model: 'civil-violence', vison: 7 }).join()).toMatch(/vison/);
    expect(issues({ model: 'civil-violence', grid: { width: 40, hieght: 40 } }).join()).toMatch(/^grid: .*hieght/);
  });

  it('checks ranges and cross-field facts with a path', () => {
    expect(issues({ model: 'civil-violence', legitimacy: 1.2 }).join()).toMatch(/^legitimacy:/);
    expect(issues({ model: 'civil-violence', citizens: { density: 0.8 }, cops: { density: 0.3 } }).join()).toMatch(/^cops\.density: .*exceeds 1/);
    expect(issues({ model: 'civil-violence', jail: { max_term: -1 } }).join()).toMatch(/^jail\.max_term/);
    expect(issues({ model: 'civil-violence', grid: { width: 0, height: 4 } }).join()).toMatch(/^grid\.width/);
    // Counts in view are packed in 16 bits: a vision of more than 65,535 cells is refused.
    expect(issues({ model: 'civil-violence', grid: { width: 400, height: 400 }, vision: { citizen: 150, cop: 7 } }).join()).toMatch(/^vision\.citizen: covers \d+ cells/);
    expect(issues({ model: 'civil-violence', grid: { width: 200, height: 200 }, vision: { citizen: 150, cop: 7 } })).toEqual([]);
  });

  it('schedule entries are either a jump or a ramp, each complete', () => {
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'legitimacy', at: 75, value: 0.65 }] })).toEqual([]);
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'legitimacy', from: 0, every: 3, by: -0.01, until: 0 }] })).toEqual([]);
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'legitimacy', at: 75 }] }).join()).toMatch(/^schedule\.0\.value: required/);
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'legitimacy', at: 7, value: 1, every: 3 }] }).join()).toMatch(/not both/);
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'hardship', at: 1, value: 0 }] }).join()).toMatch(/^schedule\.0\.param/);
    expect(issues({ model: 'civil-violence', schedule: [{ param: 'cops.density', at: 1, value: 2 }] }).join()).toMatch(/^schedule\.0\.value/);
  });
});
