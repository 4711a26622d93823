import type { BacktestSeries } from '../report-data.js';
import { compactNumber, renderChart, type RenderedChart } from '../svg-chart.js';
import { bandSeries, quantileSeries } from './bands.js';

export function backtestChart(s: BacktestSeries, stepName: string): RenderedChart {
  return renderChart(`backtest-${s.indicator}`, `Back-test: ${s.indicator}`, {
    title: { text: `Back-test: ${s.indicator}`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: ['5-95 %', '25-75 %', 'median forecast', 'observed'] },
    grid: { left: 64, right: 24, top: 40, bottom: 64 },
    xAxis: { type: 'value', name: stepName, nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax', axisLabel: { showMaxLabel: false } },
    yAxis: { type: 'value', axisLabel: { formatter: compactNumber } },
    series: [
      bandSeries('5-95 %', s.steps, s.p05, s.p95, 'rgba(49, 104, 176, 0.18)'),
      bandSeries('25-75 %', s.steps, s.p25, s.p75, 'rgba(49, 104, 176, 0.38)'),
      { type: 'line', name: 'median forecast', showSymbol: false, lineStyle: { color: '#1f4e8c', width: 2 }, itemStyle: { color: '#1f4e8c' }, data: s.steps.map((x, i) => [x, s.p50[i]]) },
      { type: 'scatter', name: 'observed', symbol: 'diamond', symbolSize: 10, itemStyle: { color: '#b5452b' }, data: s.observed.map((o) => [o.step, o.value]) },
    ],
  }, 560, 340, {
    desc: `The ensemble's forecast of ${s.indicator} by ${stepName} (median line, 25-75 % and 5-95 % bands) against the ${s.observed.length} observed points (red diamonds); a point outside the light band is one the model did not expect.`,
    tooltip: { xName: stepName, unit: '', panels: [{ left: 64, top: 40, width: 560 - 64 - 24, height: 340 - 40 - 64, x: s.steps, series: quantileSeries(s) }] },
  });
}
