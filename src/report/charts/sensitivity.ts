import type { MorrisRow, SobolRow } from '../report-data.js';
import { compactNumber, renderChart, tipInterval, type RenderedChart } from '../svg-chart.js';
import { fmt } from '../html.js';
import { errorBarSeries } from './error-bars.js';

/** mu* with its bootstrap interval, drawn as a horizontal bar through each factor's point. */
export function morrisChart(output: string, rows: readonly MorrisRow[]): RenderedChart {
  return renderChart(`morris-${output}`, `Morris screening: ${output}`, {
    title: { text: `Morris screening: ${output}`, subtext: 'bars: bootstrap interval of mu*', left: 'center', textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 11 } },
    // Room on the right for the name above the largest point.
    grid: { left: 70, right: 150, top: 64, bottom: 56 },
    xAxis: { type: 'value', min: 0, name: 'mu* (mean |elementary effect|)', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: compactNumber } },
    yAxis: { type: 'value', min: 0, name: 'sigma', axisLabel: { formatter: compactNumber } },
    series: [
      {
        type: 'scatter',
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        name: 'factors',
        symbolSize: 10,
        itemStyle: { color: '#b5452b' },
        label: { show: true, position: 'top', formatter: (p: { data: unknown[] }) => String(p.data[2]), fontSize: 11 },
        data: rows.map((r) => [r.muStar, r.sigma, r.factor]),
      },
      muStarIntervals(rows),
    ],
  }, 560, 340, {
    marks: rows.map((r) => ({ at: [r.muStar, r.sigma], lines: [r.factor, `mu* ${fmt(r.muStar)}${tipInterval(r.muStarCi, 'bootstrap interval')}`, `sigma ${fmt(r.sigma)}`, `mu ${fmt(r.mu)}`] })),
    desc: `Morris screening of ${output}: each factor's mean absolute elementary effect mu* (right: more influence) against its spread sigma (up: non-linear or interacting), with the bootstrap interval of mu* as a bar.`,
  });
}

/** S1 and ST per factor as grouped bars, each with its confidence interval. */
export function sobolChart(output: string, rows: readonly SobolRow[]): RenderedChart {
  const sorted = [...rows].sort((a, b) => b.st - a.st);
  const factors = sorted.map((r) => r.factor);
  return renderChart(`sobol-${output}`, `Sobol indices: ${output}`, {
    title: { text: `Sobol indices: ${output}`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: ['S1', 'ST'] },
    grid: { left: 60, right: 24, top: 44, bottom: 80 },
    xAxis: { type: 'category', data: factors, axisLabel: { interval: 0, rotate: factors.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: 'index' },
    series: [
      { type: 'bar', name: 'S1', barGap: '10%', barCategoryGap: '30%', itemStyle: { color: '#3168b0' }, data: sorted.map((r) => r.s1) },
      { type: 'bar', name: 'ST', itemStyle: { color: '#e0a030' }, data: sorted.map((r) => r.st) },
      // Bars of a two-bar group sit about a fifth of the band either side of the centre.
      errorBarSeries('S1 interval', sorted.flatMap((r) => (r.s1Ci ? [[factors.indexOf(r.factor), ...r.s1Ci] as const] : [])), -0.19),
      errorBarSeries('ST interval', sorted.flatMap((r) => (r.stCi ? [[factors.indexOf(r.factor), ...r.stCi] as const] : [])), 0.19),
    ],
  }, 560, 340, {
    marks: sorted.map((r, i) => ({ at: [i, Math.max(r.s1, r.st)], lines: [r.factor, `S1 ${fmt(r.s1)}${tipInterval(r.s1Ci)}`, `ST ${fmt(r.st)}${tipInterval(r.stCi)}`] })),
    desc: `Sobol indices of ${output}: the share of its variance due to each factor alone (S1, blue) and with its interactions (ST, orange), largest first, with 95 % bootstrap intervals.`,
  });
}

function muStarIntervals(rows: readonly MorrisRow[]): Record<string, unknown> {
  const items = rows.flatMap((r) => (r.muStarCi ? [[r.muStarCi[0], r.muStarCi[1], r.sigma]] : []));
  return {
    type: 'custom',
    name: 'mu* interval',
    silent: true,
    data: items,
    encode: { x: [0, 1], y: 2 },
    z: 1,
    renderItem: (_params: unknown, api: { value: (i: number) => number; coord: (p: number[]) => number[] }) => {
      const low = api.coord([api.value(0), api.value(2)]);
      const high = api.coord([api.value(1), api.value(2)]);
      const style = { stroke: '#b5452b', lineWidth: 1.5, opacity: 0.6 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
          { type: 'line', shape: { x1: low[0], y1: low[1] - 4, x2: low[0], y2: low[1] + 4 }, style },
          { type: 'line', shape: { x1: high[0], y1: high[1] - 4, x2: high[0], y2: high[1] + 4 }, style },
        ],
      };
    },
  };
}
