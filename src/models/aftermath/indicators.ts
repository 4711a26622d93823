import type { Cell, Column } from '../../engine/model.js';
import { dateOf, type AftermathScenario } from './schema.js';
import type { World } from './state.js';

/**
 * What the model reports each week, nationally and per region, in people (agents times scale).
 * Flows are cumulative since t0 ("detained" = ever detained on the record); stocks are current.
 */
interface Indicator {
  readonly name: string;
  readonly unit: string;
  /** Value of region r, in agents. */
  readonly of: (w: World, r: number) => number;
}

const INDICATORS: readonly Indicator[] = [
  { name: 'detained', unit: 'people, cumulative', of: (w, r) => w.counters.detained[r] },
  { name: 'stopped_unrecorded', unit: 'people, cumulative', of: (w, r) => w.counters.stopped[r] },
  { name: 'affected_direct', unit: 'people, cumulative', of: (w, r) => w.counters.direct[r] },
  { name: 'affected_indirect', unit: 'people, cumulative', of: (w, r) => w.counters.indirect[r] },
  { name: 'affected', unit: 'people, cumulative', of: (w, r) => w.counters.direct[r] + w.counters.indirect[r] },
  { name: 'outcasts', unit: 'people', of: (w, r) => w.census.outcasts[r] },
  { name: 'protest_minded', unit: 'people', of: (w, r) => w.census.protestMinded[r] },
  { name: 'active', unit: 'people', of: (w, r) => w.census.active[r] },
  { name: 'prisoners', unit: 'people', of: (w, r) => w.census.prisoners[r] },
  { name: 'prisoners_political', unit: 'people', of: (w, r) => w.census.prisonersWave[r] },
  { name: 'prisoners_crew', unit: 'people', of: (w, r) => w.census.prisonersCrew[r] },
  { name: 'prisoners_sect', unit: 'people', of: (w, r) => w.census.prisonersSect[r] },
  { name: 'organisers', unit: 'people', of: (w, r) => w.census.organisers[r] },
  { name: 'army_peaceful', unit: 'people', of: (w, r) => w.census.armyPeaceful[r] },
  { name: 'army_radical', unit: 'people', of: (w, r) => w.census.armyRadical[r] },
  { name: 'extremist_list', unit: 'people', of: (w, r) => w.census.listed[r] },
  { name: 'emigrants', unit: 'people', of: (w, r) => w.census.abroad[r] },
  { name: 'emigrated', unit: 'people, cumulative', of: (w, r) => w.counters.emigrants[r] },
  { name: 'explosions', unit: 'count, cumulative', of: (w, r) => w.counters.explosions[r] },
  { name: 'killed', unit: 'people, cumulative', of: (w, r) => w.counters.killed[r] },
  { name: 'convicted', unit: 'people, cumulative', of: (w, r) => w.counters.convicted[r] },
  { name: 'convicted_armed', unit: 'people, cumulative', of: (w, r) => w.counters.convictedArmed[r] },
  { name: 'amnestied', unit: 'people, cumulative', of: (w, r) => w.counters.amnestied[r] },
  { name: 'sect_recruits', unit: 'people, cumulative', of: (w, r) => w.counters.sectRecruits[r] },
  { name: 'returned', unit: 'people, cumulative', of: (w, r) => w.counters.returned[r] },
];

/** Explosions are events, not people: never scaled. */
const UNSCALED = new Set(['explosions']);

export function nationalColumns(sc: AftermathScenario): Column[] {
  return [
    { name: 'date', type: 'string', unit: 'ISO date' },
    ...INDICATORS.map((d): Column => ({ name: d.name, type: 'int', unit: d.unit })),
    { name: 'legitimacy', type: 'float', unit: 'share (population-weighted mean)' },
    ...sc.mechanisms.M10.destinations.map((d): Column => ({ name: `emigrants_${d.id}`, type: 'int', unit: 'people' })),
  ];
}

export function groupColumns(): Column[] {
  return [
    { name: 'date', type: 'string', unit: 'ISO date' },
    { name: 'region', type: 'string' },
    ...INDICATORS.map((d): Column => ({ name: d.name, type: 'int', unit: d.unit })),
    { name: 'legitimacy', type: 'float', unit: 'share' },
  ];
}

export function observeNational(w: World, row: Cell[]): void {
  let k = 0;
  row[k++] = dateOf(w.sc.t0, w.week);
  for (const d of INDICATORS) {
    let s = 0;
    for (let r = 0; r < w.nRegions; r++) s += d.of(w, r);
    row[k++] = UNSCALED.has(d.name) ? s : s * w.scale;
  }
  let L = 0;
  for (let r = 0; r < w.nRegions; r++) L += w.legitimacy[r] * w.regionAgents[r];
  row[k++] = L / w.n;
  for (let d = 0; d < w.abroadByDest.length; d++) row[k++] = w.abroadByDest[d] * w.scale;
  row.length = k;
}

export function observeRegions(w: World, emit: (row: Cell[]) => void): void {
  const date = dateOf(w.sc.t0, w.week);
  for (let r = 0; r < w.nRegions; r++) {
    const row: Cell[] = [date, w.sc.regions[r].id];
    for (const d of INDICATORS) row.push(UNSCALED.has(d.name) ? d.of(w, r) : d.of(w, r) * w.scale);
    row.push(w.legitimacy[r]);
    emit(row);
  }
}
