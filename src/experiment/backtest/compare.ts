import type { BacktestResult } from './harness.js';

/**
 * Which of several scenarios the same observed figures favour. CRPS is in each indicator's own
 * units, so rows are compared scale-free: on every row all scenarios score, each scenario's CRPS
 * is divided by the row's mean CRPS over the scenarios; the lowest mean of these relative CRPS
 * wins. Rows won and coverage are given beside it.
 */
export interface ScenarioStanding {
  readonly scenario: string;
  /** Mean relative CRPS over the shared rows (1 = average; lower is better). */
  readonly relative_crps: number | null;
  /** Shared rows on which this scenario has the lowest CRPS. */
  readonly rows_won: number;
  readonly coverage: number | null;
  readonly skill: number | null;
}

export interface Comparison {
  readonly shared_rows: number;
  readonly standings: ScenarioStanding[];
  /** The favoured scenario, or null when none is better (no shared rows, or a tie). */
  readonly favoured: string | null;
  readonly reason: string;
}

const rowKey = (r: { indicator: string; time: string }) => `${r.indicator}@${r.time}`;

export function compareBacktests(results: readonly BacktestResult[]): Comparison {
  const keySets = results.map((res) => new Set(res.rows.map(rowKey)));
  const shared = [...(keySets[0] ?? [])].filter((k) => keySets.every((s) => s.has(k)));
  const crps = results.map((res) => new Map(res.rows.map((r) => [rowKey(r), r.crps])));
  const relSum = results.map(() => 0);
  const won = results.map(() => 0);
  let usable = 0;
  for (const k of shared) {
    const values = crps.map((m) => m.get(k)!);
    const avg = values.reduce((s, v) => s + v, 0) / values.length;
    if (!(avg > 0)) continue;
    usable++;
    values.forEach((v, i) => (relSum[i] += v / avg));
    const best = Math.min(...values);
    const winners = values.flatMap((v, i) => (v === best ? [i] : []));
    if (winners.length === 1) won[winners[0]]++;
  }
  const standings: ScenarioStanding[] = results.map((res, i) => ({
    scenario: res.scenario,
    relative_crps: usable ? relSum[i] / usable : null,
    rows_won: won[i],
    coverage: res.coverage,
    skill: res.skill,
  }));
  if (results.length < 2) return { shared_rows: shared.length, standings, favoured: null, reason: 'one scenario: nothing to compare' };
  if (usable === 0) return { shared_rows: shared.length, standings, favoured: null, reason: 'no observed figure is scored in every scenario' };
  const order = standings.map((s, i) => i).sort((a, b) => standings[a].relative_crps! - standings[b].relative_crps!);
  const [first, second] = [standings[order[0]], standings[order[1]]];
  if (Math.abs(first.relative_crps! - second.relative_crps!) < 1e-9) {
    return { shared_rows: shared.length, standings, favoured: null, reason: `a tie on ${usable} shared figures` };
  }
  const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
  return {
    shared_rows: shared.length,
    standings,
    favoured: first.scenario,
    reason: `lower CRPS on ${first.rows_won} of ${usable} shared figures; mean relative CRPS ${fmt(first.relative_crps)} against ${fmt(second.relative_crps)}; coverage ${fmt(first.coverage)} against ${fmt(second.coverage)}`,
  };
}
