import type { Cell, Column, ColumnType } from '../../engine/model.js';
import { dateOf, type AftermathScenario } from './schema.js';
import { FLOW_BASELINE, FLOW_COURT, FLOW_EXIT, FLOW_LIST, type World } from './state.js';

/**
 * What the model reports each week, nationally and per region. Each indicator is a named column
 * with its unit and the function that reads it, so the columns and the rows come from one list:
 * no indicator is ever addressed by its position.
 *
 * Counts of people are agents times the scale. "cumulative" means since t0; "per year" means the
 * trailing 52-week sum (year-window.ts), which read in the first week of January is the
 * previous calendar year's count. Events (explosions, unrest events) are counts, never scaled.
 */
export interface Indicator {
  readonly name: string;
  readonly unit: string;
  readonly type?: ColumnType;
  /** Value of region r, in agents (or in the indicator's own unit when `scaled` is false). */
  readonly of: (w: World, r: number) => number;
  /** Multiply by the scale (people per agent); default true. */
  readonly scaled?: boolean;
  /** National value when it is not the sum over regions (e.g. a population-weighted mean). */
  readonly national?: (w: World) => number;
}

const flow = (w: World, s: number, r: number) => w.year.sum(s, r, w.week, w.origin);

export const INDICATORS: readonly Indicator[] = [
  { name: 'detained', unit: 'people, cumulative', of: (w, r) => w.counters.detained[r] },
  { name: 'stopped_unrecorded', unit: 'people, cumulative', of: (w, r) => w.counters.stopped[r] },
  { name: 'affected_direct', unit: 'people, cumulative', of: (w, r) => w.counters.direct[r] },
  { name: 'affected_indirect', unit: 'people, cumulative', of: (w, r) => w.counters.indirect[r] },
  { name: 'affected', unit: 'people, cumulative', of: (w, r) => w.counters.direct[r] + w.counters.indirect[r] },
  { name: 'outcasts', unit: 'people', of: (w, r) => w.census.outcasts[r] },
  { name: 'protest_minded', unit: 'people', of: (w, r) => w.census.protestMinded[r] },
  { name: 'active', unit: 'people', of: (w, r) => w.census.active[r] },
  { name: 'prisoners', unit: 'people (pre-trial and prison)', of: (w, r) => w.census.prisoners[r] },
  { name: 'prison_population_total', unit: 'people held in pre-trial detention or prison, political and ordinary', of: (w, r) => w.census.prisoners[r] },
  { name: 'prisoners_political', unit: 'people', of: (w, r) => w.census.prisonersWave[r] },
  { name: 'prisoners_crew', unit: 'people', of: (w, r) => w.census.prisonersCrew[r] },
  { name: 'prisoners_sect', unit: 'people', of: (w, r) => w.census.prisonersSect[r] },
  { name: 'organisers', unit: 'people', of: (w, r) => w.census.organisers[r] },
  { name: 'army_peaceful', unit: 'people', of: (w, r) => w.census.armyPeaceful[r] },
  { name: 'army_radical', unit: 'people', of: (w, r) => w.census.armyRadical[r] },
  { name: 'extremist_list', unit: 'people on the extremist and terrorist list', of: (w, r) => w.census.listed[r] },
  { name: 'list_additions_per_year', unit: 'people added to the list, trailing 52-week sum', of: (w, r) => flow(w, FLOW_LIST, r) },
  { name: 'extremism_court_cases', unit: 'people sent to court on extremism or terrorism charges, trailing 52-week sum', of: (w, r) => flow(w, FLOW_COURT, r) },
  { name: 'emigrants', unit: 'people abroad after a political exit (M10)', of: (w, r) => w.census.abroad[r] },
  { name: 'emigrated', unit: 'people, cumulative political exits (M10)', of: (w, r) => w.counters.emigrants[r] },
  {
    name: 'permanent_emigration_per_year',
    unit: 'people leaving the country, non-political baseline plus political exits (M10), trailing 52-week sum',
    of: (w, r) => flow(w, FLOW_EXIT, r) + flow(w, FLOW_BASELINE, r),
  },
  { name: 'explosions', unit: 'mass unrest events (a region past the M11 active share), cumulative count', scaled: false, of: (w, r) => w.counters.explosions[r] },
  { name: 'unrest_events_small', unit: 'unrest events peaking at M11.unrestSmall to M11.unrestMedium active people, cumulative count', scaled: false, of: (w, r) => w.counters.unrestSmall[r] },
  { name: 'unrest_events_medium', unit: 'unrest events peaking at M11.unrestMedium to M11.unrestLarge active people, cumulative count', scaled: false, of: (w, r) => w.counters.unrestMedium[r] },
  { name: 'unrest_events_large', unit: 'unrest events peaking at M11.unrestLarge or more active people, cumulative count', scaled: false, of: (w, r) => w.counters.unrestLarge[r] },
  { name: 'killed', unit: 'people, cumulative', of: (w, r) => w.counters.killed[r] },
  { name: 'convicted', unit: 'people, cumulative', of: (w, r) => w.counters.convicted[r] },
  { name: 'convicted_armed', unit: 'people, cumulative', of: (w, r) => w.counters.convictedArmed[r] },
  { name: 'amnestied', unit: 'people, cumulative', of: (w, r) => w.counters.amnestied[r] },
  { name: 'amnestied_january_participants', unit: 'January participants amnestied, cumulative', of: (w, r) => w.counters.amnestied[r] },
  { name: 'sect_recruits', unit: 'people, cumulative', of: (w, r) => w.counters.sectRecruits[r] },
  { name: 'returned', unit: 'people, cumulative', of: (w, r) => w.counters.returned[r] },
  {
    name: 'legitimacy',
    unit: 'share (population-weighted mean)',
    type: 'float',
    scaled: false,
    of: (w, r) => w.legitimacy[r],
    national: (w) => {
      let L = 0;
      for (let r = 0; r < w.nRegions; r++) L += w.legitimacy[r] * w.regionAgents[r];
      return L / w.n;
    },
  },
];

/** Emigrants abroad by destination: national only, one column per destination of the scenario. */
function destinationIndicators(sc: AftermathScenario): Indicator[] {
  return sc.mechanisms.M10.destinations.map((d, k) => ({
    name: `emigrants_${d.id}`,
    unit: 'people',
    of: () => 0,
    national: (w: World) => w.abroadByDest[k] * w.scale,
  }));
}

const nationalList = (sc: AftermathScenario) => [...INDICATORS, ...destinationIndicators(sc)];
const column = (d: Indicator): Column => ({ name: d.name, type: d.type ?? 'int', unit: d.unit });

export function nationalColumns(sc: AftermathScenario): Column[] {
  return [{ name: 'date', type: 'string', unit: 'ISO date' }, ...nationalList(sc).map(column)];
}

export function groupColumns(): Column[] {
  return [{ name: 'date', type: 'string', unit: 'ISO date' }, { name: 'region', type: 'string' }, ...INDICATORS.map(column)];
}

/** Reads the national row; `list` must be nationalList of the same scenario (built once per model). */
export function nationalValue(w: World, d: Indicator): number {
  if (d.national) return d.national(w);
  let s = 0;
  for (let r = 0; r < w.nRegions; r++) s += d.of(w, r);
  return d.scaled === false ? s : s * w.scale;
}

export class Observer {
  private readonly national: readonly Indicator[];
  constructor(private readonly w: World) {
    this.national = nationalList(w.sc);
  }

  observeNational(row: Cell[]): void {
    const w = this.w;
    row.length = 0;
    row.push(dateOf(w.sc.t0, w.week - w.origin));
    for (const d of this.national) row.push(nationalValue(w, d));
  }

  observeRegions(emit: (row: Cell[]) => void): void {
    const w = this.w;
    const date = dateOf(w.sc.t0, w.week - w.origin);
    for (let r = 0; r < w.nRegions; r++) {
      const row: Cell[] = [date, w.sc.regions[r].id];
      for (const d of INDICATORS) row.push(d.scaled === false ? d.of(w, r) : d.of(w, r) * w.scale);
      emit(row);
    }
  }
}
