import type { Summary } from './schema.js';
import { CompensatorAccumulator } from './variance/compensator.js';

/**
 * Summaries of one run, computed as the steps go by so that a run never has to keep its series.
 * A summary that has no value (a first passage that never happened, a window the run never
 * reached) is null.
 */
export interface SummaryAccumulator {
  readonly name: string;
  /** Index of the indicator in the observed row. */
  readonly column: number;
  /** `row` is the observed row (step first), for summaries that read a second indicator. */
  push(step: number, value: number, row?: readonly unknown[]): void;
  result(lastStep: number): number | null;
}

const inWindow = (step: number, from?: number, to?: number) => (from === undefined || step >= from) && (to === undefined || step <= to);

export function createAccumulator(summary: Summary, column: number, indexOf?: (indicator: string) => number): SummaryAccumulator {
  const { name } = summary;
  switch (summary.stat) {
    case 'value_at': {
      let value: number | null = null;
      let last: number | null = null;
      return {
        name,
        column,
        push(step, v) {
          last = v;
          if (summary.at !== 'end' && step === summary.at) value = v;
        },
        result: () => (summary.at === 'end' ? last : value),
      };
    }
    case 'max':
    case 'min': {
      const sign = summary.stat === 'max' ? 1 : -1;
      let best: number | null = null;
      return {
        name,
        column,
        push(step, v) {
          if (inWindow(step, summary.from, summary.to) && (best === null || sign * v > sign * best)) best = v;
        },
        result: () => best,
      };
    }
    case 'mean': {
      let sum = 0;
      let n = 0;
      return {
        name,
        column,
        push(step, v) {
          if (inWindow(step, summary.from, summary.to)) {
            sum += v;
            n++;
          }
        },
        result: () => (n > 0 ? sum / n : null),
      };
    }
    case 'first_passage': {
      let first: number | null = null;
      // Without `after` the level is absolute; with it, relative to the value at step `after`.
      let base: number | null = summary.after === undefined ? 0 : null;
      return {
        name,
        column,
        push(step, v) {
          if (first !== null) return;
          if (summary.after !== undefined && step <= summary.after) {
            if (step === summary.after) base = v;
            return;
          }
          if (base === null) return;
          const x = v - base;
          if (summary.above !== undefined ? x > summary.above : x < (summary.below as number)) first = step;
        },
        result: () => first,
      };
    }
    case 'episodes': {
      let count = 0;
      let inside = false;
      return {
        name,
        column,
        push(step, v) {
          if (summary.from !== undefined && step < summary.from) return;
          const above = v > summary.above;
          if (above && !inside) count++;
          inside = above;
        },
        result: () => count,
      };
    }
    case 'compensator': {
      if (!indexOf) throw new Error(`summary "${name}" needs the index of its event indicator`);
      const event = indexOf(summary.event) + 1;
      const acc = new CompensatorAccumulator(summary.after, summary.to);
      return {
        name,
        column,
        push: (step, v, row) => acc.push(step, v, Number(row?.[event])),
        result: () => acc.result(),
      };
    }
  }
}
