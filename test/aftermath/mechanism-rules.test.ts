import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random.js';
import { seedGivenWave } from '../../src/models/aftermath/mechanisms/m1-wave.js';
import { drawTerm, restrict } from '../../src/models/aftermath/core/custody.js';
import { harm } from '../../src/models/aftermath/core/harm.js';
import { convictOfExtremism } from '../../src/models/aftermath/core/records.js';
import { detectExplosions } from '../../src/models/aftermath/core/unrest.js';
import { sufferRestrictions } from '../../src/models/aftermath/mechanisms/m5-exclusion.js';
import { extremismCharge, graduate, learn } from '../../src/models/aftermath/mechanisms/m7-school.js';
import { prisonWeek } from '../../src/models/aftermath/mechanisms/m8-fates.js';
import { orient } from '../../src/models/aftermath/mechanisms/m9-armies.js';
import { tryToLeave } from '../../src/models/aftermath/mechanisms/m10-valve.js';
import {
  ABROAD, ACTIVE, ARMED, BULLIED, CREW, DIRECT, EVIDENCE, FOR_PEACEFUL, FOR_RADICAL, FREE, householdEnd, IdList, INDIRECT, LISTED, LOOTER,
  ORDINARY, ORGANISER, PEACEFUL, PRETRIAL, PRISON, SECT, UNAFFILIATED,
} from '../../src/models/aftermath/state.js';
import { Sweep } from '../../src/models/aftermath/sweep.js';
import { at, loadDefault, run, smallWorld } from './helpers.js';

const grievance = (w: ReturnType<typeof smallWorld>, i: number) => {
  const L = w.legitimacy[w.region[i]] - w.legitimacyLoss[i];
  return (w.hardship[i] + w.extraHardship[i]) * (1 - L) + w.bonus[i];
};

describe("Epstein's activation rule on regions and ties", () => {
  it('without police every agent whose grievance exceeds the threshold acts, and only those', () => {
    const w = smallWorld({ regions: [{ id: 'a', name: 'A', population: 5000, legitimacy: 0.8, police: 0 }] });
    new Sweep(w).run();
    let minded = 0;
    for (let i = 0; i < w.n; i++) {
      const g = grievance(w, i);
      expect((w.flags[i] & ACTIVE) !== 0).toBe(g > 0.1);
      if (g > 0.1) minded++;
    }
    expect(w.census.protestMinded[0]).toBe(minded);
    expect(minded).toBeGreaterThan(5000 * 0.4);
  });

  it('with overwhelming police (P = 1) an agent acts iff G - R > T', () => {
    const w = smallWorld({ regions: [{ id: 'a', name: 'A', population: 5000, legitimacy: 0.7, police: 10 }] });
    new Sweep(w).run();
    let active = 0;
    for (let i = 0; i < w.n; i++) {
      const expected = grievance(w, i) - w.risk[i] > 0.1;
      expect((w.flags[i] & ACTIVE) !== 0).toBe(expected);
      if (expected) active++;
    }
    expect(active).toBeGreaterThan(50);
    expect(active).toBeLessThan(w.census.protestMinded[0]);
  });

  it('active ties make the crowd look big enough to act (the cascade of M11), and not with M11 off', () => {
    for (const off of [false, true]) {
      const w = smallWorld({ regions: [{ id: 'a', name: 'A', population: 2000, legitimacy: 0.8 }] }, off ? ['M11'] : []);
      // C = 100 * 0.04 = 4 perceived cops. Alone, P = 1 - exp(-k 4) ~ 1; with 50 active ties
      // P = 1 - exp(-k 4 / 51) = 0.165 (the real ratio: the risk falls, it never reaches 0).
      const i = 10;
      const margin = grievance(w, i) - 0.1;
      expect(margin).toBeGreaterThan(0.05);
      w.risk[i] = margin / 0.5;
      w.activeTies[i] = 50;
      expect(margin - w.risk[i] * (1 - Math.exp(-2.302585 * 4))).toBeLessThan(0);
      expect(margin - w.risk[i] * (1 - Math.exp((-2.302585 * 4) / 51))).toBeGreaterThan(0);
      new Sweep(w).run();
      expect((w.flags[i] & ACTIVE) !== 0).toBe(!off);
    }
  });
});

describe('M1 wave', () => {
  it('enlists the given participants by role and region and kills the given number', () => {
    const w = smallWorld({
      mechanisms: { M1: { participants: [{ region: 'b', peaceful: 300, armed: 40, looters: 100, organisers: 10, killed: 7 }] } },
    });
    w.week = 1;
    seedGivenWave(w);
    const count = (role: number) => w.role.reduce((s, r, i) => s + (r === role && w.region[i] === 1 ? 1 : 0), 0);
    expect(count(PEACEFUL)).toBe(300);
    expect(count(ARMED)).toBe(40);
    expect(count(LOOTER)).toBe(100);
    expect(w.counters.killed[1]).toBe(7);
    expect(w.counters.killed[0]).toBe(0);
    expect(w.crackdownUntil[1]).toBeGreaterThanOrEqual(1);
    expect(w.crackdownUntil[0]).toBe(-1);
    // The armed filmed less than the looters (default evidence shares 0.1 and 0.7).
    const filmed = (role: number) => w.role.reduce((s, r, i) => s + (r === role && w.flags[i] & EVIDENCE ? 1 : 0), 0) / count(role);
    expect(filmed(ARMED)).toBeLessThan(filmed(LOOTER));
  });
});

describe('M1 wave by activation', () => {
  it('a trigger that makes crowds look far bigger than the police turns the protest-minded out, and the crackdown follows', async () => {
    // A crowd of 100,000 within view makes the risk k C / (A + 1) ~ 1e-4: nearly every protest-minded acts.
    const sc = loadDefault(['mechanisms.M1.mode=activation', 'mechanisms.M1.spark=100000', 'scale=400', 'burnIn=0']);
    const r = await run(sc, 1, [], 4);
    const minded = at(r, 'protest_minded', 0);
    expect(at(r, 'active', 1)).toBeGreaterThan(0.5 * minded);
    expect(at(r, 'active', 0)).toBeLessThan(0.01 * minded);
    expect(at(r, 'detained', 4)).toBeGreaterThan(0);
    const quiet = await run(loadDefault(['mechanisms.M1.mode=activation', 'mechanisms.M1.spark=0', 'scale=400', 'burnIn=0']), 1, [], 4);
    expect(at(quiet, 'active', 1)).toBeLessThan(0.01 * minded);
  });
});

describe('M2 funnel', () => {
  it('stops several times as many as it detains, more where the stop factor is higher', async () => {
    const sc = loadDefault(['burnIn=0']);
    const r = await run(sc, 3, [], 4);
    const col = (name: string) => r.regions.columns.findIndex((c) => c.name === name);
    const row = (id: string) => r.regions.rows.find((x) => x[0] === 4 && x[2] === id)!;
    const ratio = (id: string) => Number(row(id)[col('stopped_unrecorded')]) / Number(row(id)[col('detained')]);
    expect(ratio('almaty_city')).toBeGreaterThan(4 * 1.6 * 0.85);
    expect(ratio('almaty_city')).toBeLessThan(4 * 1.6 * 1.05);
    expect(ratio('shymkent')).toBeGreaterThan(4 * 0.75 * 0.85);
    expect(ratio('shymkent')).toBeLessThan(4 * 0.75 * 1.05);
    expect(at(r, 'affected_direct', 4)).toBeGreaterThan(at(r, 'detained', 4) + at(r, 'stopped_unrecorded', 4) * 0.9);
  });
});

describe('M3 evidence', () => {
  it('identification and conviction depend on role and evidence; pooled when off', () => {
    const w = smallWorld();
    const m3 = w.sc.mechanisms.M3;
    w.role[0] = ARMED;
    w.role[1] = ARMED;
    w.flags[1] |= EVIDENCE;
    const { identifyChance, convictChance } = w.plan.rules;
    expect(identifyChance(w, 0)).toBeCloseTo(m3.identify.armed * m3.identifyNoEvidence.armed, 12);
    expect(identifyChance(w, 1)).toBeCloseTo(m3.identify.armed, 12);
    expect(convictChance(w, 0)).toBeCloseTo(m3.convict.armed * m3.convictNoEvidence.armed, 12);
    const off = smallWorld({}, ['M3']);
    off.role[0] = ARMED;
    expect(off.plan.rules.identifyChance(off, 0)).toBe(off.sc.mechanisms.M3.pooledIdentify);
    expect(off.plan.rules.convictChance(off, 0)).toBe(off.sc.mechanisms.M3.pooledConvict);
  });
});

describe('M4 spillover', () => {
  it('harm reaches ties with household weight 1, friends less, ties of ties decayed; affected counted once', () => {
    const w = smallWorld();
    const p = w.sc.mechanisms.M4;
    const i = 123;
    const { offsets, targets } = w.net;
    harm(w, i, 0.05);
    harm(w, i, 0.05);
    expect(w.bonus[i]).toBeGreaterThanOrEqual(0.1 - 1e-6);
    expect(w.counters.direct[w.region[i]]).toBe(1);
    const ties = new Set<number>();
    for (let e = offsets[i]; e < offsets[i + 1]; e++) ties.add(targets[e]);
    ties.delete(i);
    let indirect = 0;
    for (const j of ties) {
      expect(w.flags[j] & INDIRECT).toBeTruthy();
      indirect++;
    }
    expect(w.counters.indirect[0] + w.counters.indirect[1]).toBe(indirect);
    const e = offsets[i];
    const j = targets[e];
    const direct = e < householdEnd(w, i) ? p.harmTie : p.harmTie * p.friendWeight;
    expect(w.bonus[j]).toBeGreaterThanOrEqual(2 * direct - 1e-6);
    // a tie of a tie that is not itself a tie got only decayed grievance
    let far = -1;
    for (let e2 = offsets[j]; e2 < offsets[j + 1] && far < 0; e2++) if (targets[e2] !== i && !ties.has(targets[e2])) far = targets[e2];
    if (far >= 0) {
      expect(w.bonus[far]).toBeGreaterThan(0);
      expect(w.bonus[far]).toBeLessThan(2 * p.harmTie * p.decay * 4 + 1e-6);
      expect(w.flags[far] & (DIRECT | INDIRECT)).toBe(0);
    }
    const off = smallWorld({}, ['M4']);
    harm(off, i, 0.05);
    expect(off.counters.indirect[0] + off.counters.indirect[1]).toBe(0);
  });
});

describe('M5 exclusion', () => {
  it('restrictions reach the household and raise hardship week by week up to the cap', () => {
    const w = smallWorld();
    const p = w.sc.mechanisms.M5;
    const i = 77;
    restrict(w, i, 10);
    const { offsets, targets } = w.net;
    const household = new Set(targets.subarray(offsets[i], householdEnd(w, i)));
    expect(household.size).toBeGreaterThan(0);
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (household.has(targets[e])) expect(w.restrictedUntil[targets[e]]).toBe(10);
      else expect(w.restrictedUntil[targets[e]]).toBe(0);
    }
    for (let week = 0; week < 10; week++) {
      w.week = week;
      expect(sufferRestrictions(w, i)).toBe(true);
    }
    expect(w.extraHardship[i]).toBeCloseTo(Math.min(p.hardshipCap, 10 * p.hardshipRate), 6);
    w.week = 10;
    expect(sufferRestrictions(w, i)).toBe(false);
    const off = smallWorld({}, ['M5']);
    restrict(off, i, 10);
    expect(off.restrictedUntil[i]).toBe(0);
  });
});

describe('M6 legitimacy', () => {
  it('falls with local and national harm and with the standing apparatus of repression', () => {
    const w = smallWorld({ mechanisms: { M6: { local: 0.5, national: 0.3, despotism: 0.01 } } });
    w.counters.harmWeek[0] = 40;
    w.census.outcasts[1] = 100;
    const before = [w.legitimacy[0], w.legitimacy[1]];
    const week = (calendar = true) => (w.plan.stages.legitimacy.forEach((f) => f(w, { calendar } as never)), w.counters.harmWeek.fill(0));
    week();
    const national = 0.3 * (40 / w.n) + 0.01 * (100 / w.n);
    expect(w.legitimacy[0]).toBeCloseTo(before[0] - 0.5 * (40 / 4000) - national, 12);
    expect(w.legitimacy[1]).toBeCloseTo(before[1] - national, 12);
    expect(w.counters.harmWeek[0]).toBe(0);
    // In the burn-in the standing apparatus is the regime as it stood: only harm erodes.
    const burnIn = [w.legitimacy[0], w.legitimacy[1]];
    week(false);
    expect(w.legitimacy[1]).toBeCloseTo(burnIn[1], 12);
    expect(w.legitimacy[0]).toBeCloseTo(burnIn[0], 12);
    const off = smallWorld({}, ['M6']);
    off.counters.harmWeek[0] = 40;
    expect(off.plan.stages.legitimacy).toHaveLength(0);
    expect(off.legitimacy[0]).toBe(0.8);
  });

  it("erodes only by repression beyond the norm of the burn-in's last year, and gives back below it", () => {
    const w = smallWorld({ burnIn: 300, mechanisms: { M6: { local: 0.5, national: 0.3, despotism: 0.01 } } });
    const start = [w.legitimacy[0], w.legitimacy[1]];
    const week = (calendar: boolean, harm: number, outcasts: number) => {
      w.week++;
      w.counters.harmWeek[0] = harm;
      w.census.outcasts[1] = outcasts;
      w.plan.stages.legitimacy.forEach((f) => f(w, { calendar } as never));
      w.counters.harmWeek.fill(0);
    };
    w.week = 0;
    // The first 40 weeks of the burn-in are settling, not the norm; the last 260 average 10 harmed and 50 outcasts.
    for (let b = 1; b <= 300; b++) week(false, b <= 40 ? 1000 : b % 2 ? 5 : 15, b <= 40 ? 900 : 50);
    w.plan.stages.start.forEach((f) => f(w));
    expect(w.repressionNorm.stock).toBeCloseTo(50, 12);
    expect(w.repressionNorm.harm[0]).toBeCloseTo(10, 12);
    expect([w.legitimacy[0], w.legitimacy[1]]).toEqual(start);
    week(true, 10, 50);
    expect(w.legitimacy[0]).toBeCloseTo(start[0], 12);
    expect(w.legitimacy[1]).toBeCloseTo(start[1], 12);
    week(true, 30, 50);
    const national = 0.3 * (20 / w.n);
    expect(w.legitimacy[0]).toBeCloseTo(start[0] - 0.5 * (20 / 4000) - national, 12);
    expect(w.legitimacy[1]).toBeCloseTo(start[1] - national, 12);
    week(true, 0, 50);
    week(true, 10, 150);
    expect(w.legitimacy[1]).toBeCloseTo(start[1] - national + 0.3 * (10 / w.n) - 0.01 * (100 / w.n), 12);
  });
});

describe('M7 school', () => {
  it('crews learn fastest; a graduate becomes an organiser known to its ties; terrorism convicts are listed', () => {
    const w = smallWorld({ mechanisms: { M7: { terrorCharge: { looters: 0.35 } } } });
    const rng = new Rng(1);
    w.affil[1] = CREW;
    w.affil[2] = BULLIED;
    for (let k = 0; k < 40; k++) {
      learn(w, 1, rng);
      learn(w, 2, rng);
    }
    // 1.5 points a week on average (fractions drawn at random)
    expect(w.skill[1]).toBeGreaterThan(50);
    expect(w.skill[1]).toBeLessThan(70);
    w.skill[1] = Math.max(w.skill[1], 60);
    expect(w.skill[2]).toBeLessThan(10);
    graduate(w, 1);
    graduate(w, 2);
    expect(w.flags[1] & ORGANISER).toBeTruthy();
    expect(w.flags[2] & ORGANISER).toBe(0);
    const { offsets, targets } = w.net;
    for (let e = offsets[1]; e < offsets[2]; e++) expect(w.organiserTies[targets[e]]).toBeGreaterThanOrEqual(1);
    // Looters are "terrorists only on paper": a share of their trials is on terrorism charges,
    // each one a court case whatever the verdict; a conviction on them puts them on the list.
    w.role[5] = LOOTER;
    let charged = 0;
    for (let k = 0; k < 400; k++) if (extremismCharge(w, 5, rng)) charged++;
    expect(charged / 400).toBeGreaterThan(0.25);
    expect(charged / 400).toBeLessThan(0.45);
    expect(w.counters.courtCases[w.region[5]]).toBe(charged);
    expect(w.flags[5] & LISTED).toBe(0);
    convictOfExtremism(w, 5);
    expect(w.flags[5] & LISTED).toBeTruthy();
    expect(w.counters.listAdded[w.region[5]]).toBe(1);
    const off = smallWorld({}, ['M7']);
    off.affil[1] = CREW;
    for (const f of off.plan.on.prisonWeek) f(off, 1, rng);
    expect(off.skill[1]).toBe(0);
    expect(off.plan.rules.extremismCharge(off, 5, rng)).toBe(false);
  });
});

describe('M8 fates', () => {
  it('sentences by role, frees the peaceful with attention and recruits the bullied into sects faster', () => {
    const w = smallWorld({ mechanisms: { M8: { sectRecruit: 0.01, bullyRate: 0 } } });
    const rng = new Rng(2);
    w.role[0] = PEACEFUL;
    w.role[1] = ARMED;
    const { prisonShare, termMean } = w.plan.rules;
    expect(prisonShare(w, 0)).toBe(0.1);
    expect(prisonShare(w, 1)).toBe(0.5);
    const terms = Array.from({ length: 200 }, () => drawTerm(termMean(w, 1), rng));
    expect(Math.min(...terms)).toBeGreaterThanOrEqual(208);
    expect(Math.max(...terms)).toBeLessThanOrEqual(624);
    let bulliedJoin = 0;
    let plainJoin = 0;
    for (let i = 0; i < 4000; i++) {
      w.role[i] = ORDINARY;
      w.status[i] = PRISON;
      w.affil[i] = i % 2 === 0 ? BULLIED : UNAFFILIATED;
      prisonWeek(w, i, rng);
      if (w.affil[i] === SECT) {
        if (i % 2 === 0) bulliedJoin++;
        else plainJoin++;
      }
    }
    expect(bulliedJoin / 2000).toBeGreaterThan(0.02);
    expect(bulliedJoin).toBeGreaterThan(1.8 * plainJoin);
    w.role[9000] = PEACEFUL;
    w.attention = 1;
    let released = 0;
    for (let k = 0; k < 5000; k++) if (prisonWeek(w, 9000, rng)) released++;
    expect(released / 5000).toBeGreaterThan(0.006);
    expect(released / 5000).toBeLessThan(0.014);
    const off = smallWorld({}, ['M8']);
    off.role[0] = PEACEFUL;
    off.role[1] = ARMED;
    expect(off.plan.rules.prisonShare(off, 0)).toBe(off.plan.rules.prisonShare(off, 1));
  });
});

describe('M9 armies', () => {
  it('ties to released sect members radicalise at the per-tie rate; the harmed protest-minded turn peaceful', () => {
    const w = smallWorld({ mechanisms: { M9: { radicalTieRate: 0.1, radicalHarmRate: 0, peacefulRate: 0.2 } } });
    const rng = new Rng(3);
    let radical = 0;
    for (let i = 0; i < 3000; i++) {
      w.radicalTies[i] = 2;
      orient(w, i, false, rng);
      if (w.orient[i] === FOR_RADICAL) radical++;
    }
    expect(radical / 3000).toBeGreaterThan(0.19 - 0.03);
    expect(radical / 3000).toBeLessThan(0.19 + 0.03);
    let peaceful = 0;
    for (let i = 3000; i < 6000; i++) {
      w.flags[i] |= DIRECT;
      w.bonus[i] = w.sc.mechanisms.M9.harmFloor;
      orient(w, i, true, rng);
      if (w.orient[i] === FOR_PEACEFUL) peaceful++;
    }
    expect(peaceful / 3000).toBeGreaterThan(0.17);
    expect(peaceful / 3000).toBeLessThan(0.23);
    for (let i = 6000; i < 7000; i++) orient(w, i, true, rng);
    for (let i = 6000; i < 7000; i++) expect(w.orient[i]).toBe(0);
  });

  it('harm counts for committing only while its grievance lasts: once it has faded below harmFloor the agent is not recruited', () => {
    const w = smallWorld({ mechanisms: { M9: { radicalTieRate: 0, radicalHarmRate: 0.5, peacefulRate: 0.5 } } });
    const rng = new Rng(4);
    const floor = w.sc.mechanisms.M9.harmFloor;
    let committed = 0;
    for (let i = 0; i < 3000; i++) {
      w.flags[i] |= i % 2 ? DIRECT : INDIRECT;
      w.bonus[i] = floor * 0.99;
      orient(w, i, true, rng);
      if (w.orient[i] !== 0) committed++;
    }
    expect(committed).toBe(0);
    for (let i = 3000; i < 6000; i++) {
      w.flags[i] |= DIRECT;
      w.bonus[i] = floor;
      orient(w, i, true, rng);
      if (w.orient[i] !== 0) committed++;
    }
    // radical at 0.5, else peaceful at 0.5: three in four commit
    expect(committed / 3000).toBeGreaterThan(0.72);
    expect(committed / 3000).toBeLessThan(0.78);
  });

  it('radicals and peaceful members disengage at disengageRate even while aggrieved and tied; at 0 they stay', () => {
    for (const [rate, army] of [[0, FOR_RADICAL], [0.05, FOR_RADICAL], [0, FOR_PEACEFUL], [0.05, FOR_PEACEFUL]] as const) {
      const w = smallWorld({ mechanisms: { M9: { disengageRate: rate, radicalTieRate: 0, radicalHarmRate: 0 } } });
      const rng = new Rng(5);
      let left = 0;
      for (let i = 0; i < 3000; i++) {
        w.orient[i] = army;
        w.radicalTies[i] = 3;
        w.bonus[i] = 0.05;
        w.flags[i] |= DIRECT;
        orient(w, i, true, rng);
        if (w.orient[i] !== army) left++;
      }
      if (rate === 0) expect(left).toBe(0);
      else {
        expect(left / 3000).toBeGreaterThan(0.05 - 0.015);
        expect(left / 3000).toBeLessThan(0.05 + 0.015);
      }
    }
  });
});

describe('M10 valve', () => {
  const dest = (d: Record<string, number>) => ({ mechanisms: { M10: { attemptRate: 1, destinations: [{ id: 'x', name: 'X', ...d }] } } });
  it('an open, safe destination takes the pressured in; a dangerous one sends them back to custody', () => {
    const open = smallWorld(dest({ acceptance: 1, asylum: 1, cost: 0, danger: 0 }));
    const rng = new Rng(4);
    open.hardship[5] = 0.5;
    tryToLeave(open, 5, rng);
    expect(open.status[5]).toBe(ABROAD);
    expect(open.counters.emigrants[open.region[5]]).toBe(1);
    const dangerous = smallWorld(dest({ acceptance: 1, asylum: 1, cost: 0, danger: 1 }));
    tryToLeave(dangerous, 5, rng);
    expect(dangerous.status[5]).toBe(PRETRIAL);
    const costly = smallWorld(dest({ acceptance: 1, asylum: 1, cost: 0.9, danger: 0 }));
    costly.hardship[5] = 0.5;
    tryToLeave(costly, 5, rng);
    expect(costly.status[5]).toBe(FREE);
  });
});

describe('M11 bomb', () => {
  it('counts an explosion when the active share passes the threshold, once until it falls back', () => {
    const w = smallWorld();
    const actives = new IdList();
    const t = w.sc.mechanisms.M11.explosionShare;
    const shares = [t / 2, t * 2, t * 3, t * 0.8, t * 0.4, t * 1.5];
    const counts: number[] = [];
    for (const s of shares) {
      w.activeShare[0] = s;
      w.week++;
      detectExplosions(w, actives);
      counts.push(w.counters.explosions[0]);
    }
    expect(counts).toEqual([0, 1, 1, 1, 1, 2]);
    expect(w.explosionLog.map((e) => [e.step, e.region])).toEqual([[2, 'a'], [6, 'a']]);
    expect(w.crackdownUntil[0]).toBeGreaterThan(0);
    const off = smallWorld({}, ['M11']);
    off.activeShare[0] = t * 2;
    off.week = 1;
    detectExplosions(off, actives);
    expect(off.counters.explosions[0]).toBe(1);
    expect(off.crackdownUntil[0]).toBe(-1);
  });
});
