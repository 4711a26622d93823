import { describe, expect, it } from 'vitest';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { tension } from '../../src/models/civil-violence/indicators.js';
import { ACTIVE, CITIZEN, JAILED, type World } from '../../src/models/civil-violence/world.js';
import { scenario } from './lattice-builder.js';

/** Epstein's tension as its definition reads, citizen by citizen through World.grievance. */
function tensionByCitizen(w: World): number {
  let free = 0;
  let quiet = 0;
  let sumG = 0;
  let sumR = 0;
  for (let id = 0; id < w.store.highWater; id++) {
    if (w.store.alive[id] !== 1 || w.kind[id] !== CITIZEN || w.state[id] === JAILED) continue;
    free++;
    if (w.state[id] !== ACTIVE) quiet++;
    sumG += w.grievance(id);
    sumR += w.riskAversion[id];
  }
  if (free === 0 || sumR === 0) return 0;
  return ((sumG / free) * (quiet / free)) / (sumR / free);
}

describe('the tension indicator', () => {
  for (const rules of ['epstein2002', 'netlogo', 'mesa'] as const) {
    it(`is the citizen-by-citizen sum to the last bit under the ${rules} rules, as legitimacy and jail change`, () => {
      const s = scenario({
        rules,
        grid: { width: 30, height: 30 },
        citizens: { density: 0.7 },
        cops: { density: 0.05 },
        legitimacy: 0.8,
      });
      const model = new CivilViolenceModel(s, 7);
      const w = model.world;
      let jailedSeen = 0;
      for (let t = 0; t < 60; t++) {
        if (t === 30) w.legitimacy = 0.6;
        model.step();
        jailedSeen = Math.max(jailedSeen, w.nJailed);
        expect(Object.is(tension(w), tensionByCitizen(w))).toBe(true);
      }
      // The comparison covered jailed citizens, not only a quiet world.
      expect(jailedSeen).toBeGreaterThan(0);
      expect(tension(w)).toBeGreaterThan(0);
    });
  }
});
