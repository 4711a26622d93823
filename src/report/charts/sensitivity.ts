import type { MorrisRow, SobolRow } from '../report-data.js';
import { compactNumber, renderChart, type RenderedChart } from '../svg-chart.js';
import { errorBarSeries } from './error-bars.js';

export function morrisChart(output: string, rows: readonly MorrisRow[]): RenderedChart {
  return renderChart(`morris-${output}`, `Morris screening: ${output}`, {
    title: { text: `Morris screening: ${output}`, left: 'center', textStyle: { fontSize: 14 } },
    // Room on the right for the factor names next to the largest points.
    grid: { left: 70, right: 150, top: 44, bottom: 56 },
    xAxis: { type: 'value', min: 0, name: 'mu* (mean |elementary effect|)', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: compactNumber } },
    yAxis: { type: 'value', min: 0, name: 'sigma', axisLabel: { formatter: compactNumber } },
    series: [
      {
        type: 'scatter',
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        name: 'factors',
        symbolSize: 10,
        itemStyle: { color: '#b5452b' },
        label: { show: true, position: 'right', formatter: (p: { data: unknown[] }) => String(p.data[2]), fontSize: 11 },
        data: rows.map((r) => [r.muStar, r.sigma, r.factor]),
      },
    ],
  });
}

/** S1 and ST per factor as grouped bars, each with its confidence interval. */
export function sobolChart(output: string, rows: readonly SobolRow[]): RenderedChart {
  const sorted = [...rows].sort((a, b) => b.st - a.st);
  const factors = sorted.map((r) => r.factor);
  const ci = (v: number, c: number | null): [number, number] => (c === null ? [v, v] : [v - c, v + c]);
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
      errorBarSeries('S1 interval', sorted.filter((r) => r.s1Conf !== null).map((r) => [factors.indexOf(r.factor), ...ci(r.s1, r.s1Conf)]), -0.19),
      errorBarSeries('ST interval', sorted.filter((r) => r.stConf !== null).map((r) => [factors.indexOf(r.factor), ...ci(r.st, r.stConf)]), 0.19),
    ],
  });
}
