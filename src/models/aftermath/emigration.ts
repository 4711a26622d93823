import type { World } from './state.js';

/**
 * Non-political permanent emigration (work, study, family), the baseline that official
 * statistics count together with political exits. It is a flow only: the agents stay, as
 * births and immigration keep the population steady, so it changes no other stock.
 */
export function baselineEmigration(w: World): void {
  const perWeek = w.sc.population.emigrationPerYear / 52 / w.scale;
  if (perWeek <= 0) return;
  const rng = w.rng.emigration;
  for (let r = 0; r < w.nRegions; r++) w.counters.emigratedBaseline[r] += rng.poisson((perWeek * w.regionAgents[r]) / w.n);
}
