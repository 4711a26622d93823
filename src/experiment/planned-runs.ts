import { designRows } from './design-rows.js';
import type { Experiment } from './schema.js';

/**
 * How many runs an experiment will make, for progress bars. Exact for every kind but
 * calibration, where it is an estimate (a generation takes as many candidates as it needs).
 */
export function plannedRuns(e: Experiment): number {
  const k = e.factors.length;
  switch (e.kind) {
    case 'ensemble':
    case 'backtest':
      return e.replicates;
    case 'sweep':
    case 'discovery':
      return designRows(e).length * e.replicates;
    case 'sensitivity': {
      const s = e.sensitivity!;
      return (s.method === 'morris' ? s.N * (k + 1) : s.N * (k + 2)) * e.replicates;
    }
    case 'calibration': {
      const c = e.calibration!;
      return c.population * c.generations * 2 * e.replicates;
    }
    case 'attribution': {
      // A lower bound: every arm's first batch (sequential stopping decides the rest; "all" mechanisms counts as one here).
      const a = e.attribution!;
      const arms = (a.mechanisms === 'all' ? 1 : a.mechanisms.length) + a.groups.length + (a.sweep?.values.length ?? 0);
      return (arms + 1) * a.min_pairs;
    }
  }
}
