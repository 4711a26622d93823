import { fixedColumns, type Columns } from '../../engine/agents.js';
import { buildCsrByReplay, type AddEdge } from '../../engine/network.js';
import { Rng } from '../../engine/random.js';
import type { AftermathScenario } from './schema.js';
import type { Plan } from './assemble.js';
import { FRIEND, HOUSEHOLD, IdList, PEOPLE, YEAR_FLOWS, regionCensus, regionCounters, type World } from './state.js';
import { TouchedAgents } from './touched.js';
import { TrailingYear } from './year-window.js';

/**
 * Builds the agents and their ties. Within a region, ids are in decreasing order of hardship:
 * the agents who can be protest-minded without having been touched by anything then form a
 * prefix of the region, so each week only that prefix and the touched need to be visited.
 */
export function createWorld(sc: AftermathScenario, seed: number, plan: Plan): World {
  const scale = sc.scale;
  const k = sc.regions.length;
  const regionStart = new Int32Array(k + 1);
  sc.regions.forEach((r, i) => {
    regionStart[i + 1] = regionStart[i] + Math.max(1, Math.round(r.population / scale));
  });
  const n = regionStart[k];
  const people = { columns: fixedColumns({ ...PEOPLE, ...plan.columns }, n) as unknown as Columns<typeof PEOPLE> };
  const p = people.columns;
  const { region, hardship, risk } = p;
  const popRng = new Rng(seed, 'aftermath', 'population');
  const e = sc.population.hardshipExponent;
  for (let r = 0; r < k; r++) {
    const a = regionStart[r];
    const b = regionStart[r + 1];
    region.fill(r, a, b);
    // Descending order statistics of U(0,1) drawn directly (Renyi): no sort of millions needed.
    let u = 1;
    for (let i = a, left = b - a; i < b; i++, left--) {
      u *= Math.pow(popRng.random(), 1 / left);
      hardship[i] = Math.pow(u, e);
    }
  }
  for (let i = 0; i < n; i++) risk[i] = popRng.random();
  // fork does not advance popRng, so each pass of the build replays the same stream. Households
  // are all added before friends and the build is stable, so each person's household ties come
  // first in its row: a count per person replaces a kind per tie.
  const ties = p.householdTies;
  let counted = false;
  const net = buildCsrByReplay(
    n,
    (add) => {
      const countHouseholds: AddEdge = (a, b, kind) => {
        add(a, b, kind);
        if (kind === HOUSEHOLD) {
          ties[a]++;
          ties[b]++;
        }
      };
      addNetwork(sc, regionStart, popRng.fork('network'), counted ? add : countHouseholds);
      counted = true;
    },
    { labels: false },
  );
  const master = new Rng(seed, 'aftermath', 'streams');
  const nd = sc.mechanisms.M10.destinations.length;
  const counters = regionCounters(k);
  const w: World = {
    sc, plan, origin: 0, forcedWeek: -1, repressionNorm: { stock: 0, harm: new Float64Array(k), weeks: 0 }, scale, n, nRegions: k, people, week: 0, regionStart, ...p, localCrowd: new Map(), destination: new Map(), net,
    touched: new TouchedAgents(p.flags, p.timer, p.bonus, p.legitimacyLoss, sc.mechanisms.M4.halfLife), custody: new IdList(1 << 12), wanted: new IdList(1 << 12),
    rng: {
      wave: master.fork('wave'), funnel: master.fork('funnel'), justice: master.fork('justice'), prison: master.fork('prison'),
      sweep: master.fork('sweep'), valve: master.fork('valve'), bomb: master.fork('bomb'), policy: master.fork('policy'),
      emigration: master.fork('emigration'),
    },
    legitimacy: Float64Array.from(sc.regions, (r) => r.legitimacy),
    legitimacy0: Float64Array.from(sc.regions, (r) => r.legitimacy),
    police: Float64Array.from(sc.regions, (r) => r.police),
    intensity: new Float64Array(k).fill(1), surge: new Float64Array(k).fill(1), crackdownUntil: new Int32Array(k).fill(-1),
    hardshipFactor: new Float64Array(k).fill(1), hardshipUntil: new Int32Array(k), spark: new Float64Array(k),
    activeShare: new Float64Array(k), exploding: new Uint8Array(k),
    regionAgents: Float64Array.from({ length: k }, (_, r) => regionStart[r + 1] - regionStart[r]),
    attention: sc.mechanisms.M8.attention,
    destAcceptance: Float64Array.from(sc.mechanisms.M10.destinations, (d) => d.acceptance),
    destAsylum: Float64Array.from(sc.mechanisms.M10.destinations, (d) => d.asylum),
    destDanger: Float64Array.from(sc.mechanisms.M10.destinations, (d) => d.danger),
    abroadByDest: new Float64Array(nd),
    counters, census: regionCensus(k), stopsOwed: new Float64Array(k), activeChanged: new IdList(1 << 12), explosionLog: [],
    year: new TrailingYear(YEAR_FLOWS.map((f) => counters[f]), k), inUnrest: new Uint8Array(k), unrestPeak: new Float64Array(k),
  };
  return w;
}

/** Households: random groups inside a region; friends: mostly inside the region (homophily). */
function addNetwork(sc: AftermathScenario, regionStart: Int32Array, rng: Rng, add: AddEdge): void {
  const k = regionStart.length - 1;
  const n = regionStart[k];
  const { householdSize, friends, homophily } = sc.population;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Household sizes 1 + Binomial(2(m-1), 1/2) have mean m and a realistic spread.
  const trials = Math.max(0, Math.round(2 * (householdSize - 1)));
  for (let r = 0; r < k; r++) {
    const a = regionStart[r];
    const len = regionStart[r + 1] - a;
    const view = order.subarray(a, a + len);
    rng.shuffle(view);
    let p = 0;
    while (p < len) {
      const size = Math.min(len - p, 1 + rng.binomial(trials, 0.5));
      for (let x = 0; x < size; x++) for (let y = x + 1; y < size; y++) add(view[p + x], view[p + y], HOUSEHOLD);
      p += size;
    }
  }
  for (let r = 0; r < k; r++) {
    const a = regionStart[r];
    const len = regionStart[r + 1] - a;
    for (let i = a; i < a + len; i++) {
      for (let f = 0; f < friends; f++) {
        const j = rng.random() < homophily ? a + rng.int(len) : rng.int(n);
        if (j !== i) add(i, j, FRIEND);
      }
    }
  }
}
