import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CivilViolenceModel } from '../../src/models/civil-violence/model.js';
import { grievance, quietFrom, rebels } from '../../src/models/civil-violence/rules.js';
import { scenario } from './lattice-builder.js';

/**
 * The tight loop of the reference rules (fast-epstein.ts) against the general rules
 * (citizen.ts), over random worlds and seeds: same counts after every step, same agents in the
 * same cells and states at the end. Fixed fast-check seed and a bounded number of runs, so the
 * test is reproducible and cheap.
 */
const world = fc.record({
  width: fc.integer({ min: 8, max: 48 }),
  height: fc.integer({ min: 8, max: 48 }),
  citizens: fc.double({ min: 0.05, max: 0.85, noNaN: true }),
  cops: fc.double({ min: 0, max: 0.12, noNaN: true }),
  // Up to radius 10 (over 300 cells): both the 16-bit census and the 32-bit one.
  citizenVision: fc.double({ min: 1, max: 10, noNaN: true }),
  copVision: fc.double({ min: 1, max: 10, noNaN: true }),
  legitimacy: fc.double({ min: 0, max: 1, noNaN: true }),
  threshold: fc.double({ min: 0, max: 0.5, noNaN: true }),
  k: fc.double({ min: 0.1, max: 6, noNaN: true }),
  maxTerm: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(Infinity)),
  move: fc.boolean(),
  factor: fc.boolean(),
  // A legitimacy change mid-run: quietFrom must follow it.
  jumpAt: fc.integer({ min: 1, max: 25 }),
  jumpTo: fc.double({ min: 0, max: 1, noNaN: true }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

describe('the tight loop of the reference rules', () => {
  it('gives exactly the general rules\' run on random worlds and seeds', () => {
    fc.assert(
      fc.property(world, (p) => {
        const s = scenario({
          grid: { width: p.width, height: p.height },
          citizens: { density: p.citizens },
          cops: { density: p.cops },
          vision: { citizen: p.citizenVision, cop: p.copVision },
          legitimacy: p.legitimacy,
          threshold: p.threshold,
          k: p.k,
          jail: { max_term: p.maxTerm },
          citizens_move: p.move,
          grievance_includes_threshold_factor: p.factor,
          schedule: [{ param: 'legitimacy', at: p.jumpAt, value: p.jumpTo }],
        });
        const fast = new CivilViolenceModel(s, p.seed);
        const general = new CivilViolenceModel(s, p.seed, { general: true });
        expect(fast.world.tight).toBe(true);
        expect(general.world.tight).toBe(false);
        const a: (number | string)[] = [];
        const b: (number | string)[] = [];
        for (let t = 0; t < 30; t++) {
          fast.step();
          general.step();
          fast.observe(a);
          general.observe(b);
          expect(a).toEqual(b);
        }
        const x = fast.snapshot();
        const y = general.snapshot();
        expect(x.cell).toEqual(y.cell);
        expect(x.state).toEqual(y.state);
      }),
      { seed: 20261202, numRuns: 40 },
    );
  });
});

describe('quietFrom (Rule A solved for the cops per active)', () => {
  it('is active for exactly the m at which rebels() holds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        fc.integer({ min: 0, max: 300 }),
        (h, r, legitimacy, threshold, k, maxM) => {
          const table = new Float64Array(maxM + 2);
          for (let m = 0; m < table.length; m++) table[m] = 1 - Math.exp(-k * m);
          const g = grievance(h, legitimacy, 0.9);
          const q = quietFrom(g, r, table, maxM, threshold);
          for (let m = 0; m <= maxM; m++) expect(m < q).toBe(rebels(g, r, table[m], threshold));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
