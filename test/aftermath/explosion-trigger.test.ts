import { describe, expect, it } from 'vitest';
import { at, loadDefault, mean, run } from './helpers.js';

/**
 * Explosions come from what the agents have accumulated (grievance, ties, organisers, radicals),
 * not from a trigger clearing an arithmetic floor. Coarse scale (1,000 people per agent), the
 * wave off unless stated, no timeline, no burn-in: each run is a fraction of a second.
 */
const QUIET = ['scale=1000', 'interventions=[]', 'burnIn=0'];
const STORM = ['mechanisms.M11.sparkRate=0.3', 'mechanisms.M11.sparkSize=1000'];
const erosion = (change: number) => `interventions=[{type: legitimacy, date: "2022-01-10", change: ${change}}]`;
const explosions = async (set: string[], disable: string[], seeds: number[], weeks: number) => {
  const out: number[] = [];
  for (const s of seeds) out.push(at(await run(loadDefault(set), s, disable, weeks), 'explosions', weeks));
  return out;
};

describe('the explosion trigger', () => {
  it('sparks alone, however large and frequent, cannot explode a population with nothing accumulated', async () => {
    // A trigger in every region about every third week, each showing a crowd of 1,000 to those it catches up.
    const storm = await explosions([...QUIET, ...STORM], ['M1'], [1, 2, 3], 104);
    expect(storm).toEqual([0, 0, 0]);
  });

  it('once legitimacy has eroded, the same sparks set off explosions that do not happen without them', async () => {
    const eroded = [...QUIET, erosion(-0.02)];
    const withSparks = await explosions([...eroded, ...STORM], ['M1'], [1, 2, 3], 104);
    const without = await explosions([...eroded, 'mechanisms.M11.sparkRate=0'], ['M1'], [1, 2, 3], 104);
    expect(withSparks.reduce((a, b) => a + b)).toBeGreaterThan(without.reduce((a, b) => a + b));
    // and the erosion is what makes them possible: the storm alone did nothing (above).
    expect(Math.max(...withSparks)).toBeGreaterThan(0);
  });

  it('the repression-feedback mechanisms (M2-M10) make later explosions more likely, as they add grievance', async () => {
    // A population near the edge (legitimacy 0.01 lower, which alone sets off nothing) with frequent sparks.
    const set = [...QUIET, erosion(-0.01), 'mechanisms.M11.sparkRate=0.05'];
    const seeds = [1, 2, 3, 4];
    // Later explosions, and their precursor: the largest number of active people after the wave.
    const later = async (disable: string[]) => {
      const booms: number[] = [];
      const peaks: number[] = [];
      for (const s of seeds) {
        const r = await run(loadDefault(set), s, disable, 156);
        booms.push(at(r, 'explosions', 156) - at(r, 'explosions', 4));
        peaks.push(Math.max(...r.national.numbers('active').slice(8)));
      }
      return { booms: mean(booms), peak: mean(peaks) };
    };
    const all = await later([]);
    const none = await later(['M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10']);
    expect(all.peak).toBeGreaterThan(1.5 * none.peak);
    expect(all.booms).toBeGreaterThanOrEqual(none.booms);
  });
});

describe('steady state before the wave', () => {
  it('with M1 off the prison population stays level from the first week (stationary remaining terms)', async () => {
    const r = await run(loadDefault(['scale=200', 'interventions=[]', 'burnIn=0']), 5, ['M1'], 312);
    const prisoners = r.national.numbers('prison_population_total');
    const first = mean(prisoners.slice(0, 52));
    const last = mean(prisoners.slice(260, 312));
    expect(Math.abs(first - 30000)).toBeLessThan(1500);
    expect(Math.abs(last - first) / first).toBeLessThan(0.05);
  });
});
