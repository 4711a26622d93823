import type { Column } from '../../../src/engine/model.js';

/** ECharts' own palette, assigned by column so that a series keeps its colour whatever is shown. */
const CYCLE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc', '#2f4554', '#c23531', '#61a0a8'];

/** Series named like the lattice's agents take the lattice's colours, so that the chart reads like the picture. */
const NAMED: Record<string, string> = {
  quiet: 'rgb(89,176,60)',
  active: 'rgb(215,50,41)',
  jailed: 'rgb(73,73,73)',
  cops: 'rgb(84,196,196)',
  blue: 'rgb(52,93,169)',
  green: 'rgb(89,176,60)',
  tension: 'rgb(230,140,20)',
  legitimacy: 'rgb(140,90,200)',
};

/** A colour per plotted column; a group named "green" takes the green from "quiet". */
export function seriesColours(columns: readonly Column[]): Map<string, string> {
  const out = new Map<string, string>();
  const hasGreen = columns.some((c) => c.name === 'green');
  let k = 0;
  for (const c of columns) {
    if (c.type === 'string') continue;
    const named = c.name === 'quiet' && hasGreen ? undefined : NAMED[c.name];
    out.set(c.name, named ?? CYCLE[k++ % CYCLE.length]);
  }
  return out;
}

/** Shares and ratios go on a second axis so that they are not flattened by head counts. */
export const onRightAxis = (c: Column) => /^(share|ratio|probability)/.test(c.unit ?? '');

/** The series that shows a scenario parameter, if the model reports it: `cops.density` -> `cops`. */
export function seriesOfParameter(path: string, columns: readonly Column[]): string | undefined {
  const parts = path.split('.');
  const candidates = [path, path.replace(/\./g, '_'), parts[parts.length - 1], parts[0]];
  return candidates.find((name) => columns.some((c) => c.name === name && c.type !== 'string'));
}
