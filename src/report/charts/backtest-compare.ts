import type { BacktestResult } from '../../experiment/backtest/index.js';
import { compactNumber, renderChart, type MarkSpec, type RenderedChart } from '../svg-chart.js';
import { fmt } from '../html.js';
import { errorBarSeries } from './error-bars.js';

const COLOURS = ['#3168b0', '#b5452b', '#2e8b57', '#8a5ab5'];

/**
 * One indicator's observed figures beside each scenario's forecast: at every date the observed
 * range (black) and each scenario's mean with its 90 % interval, side by side.
 */
export function backtestCompareChart(indicator: string, results: readonly BacktestResult[], names: readonly string[]): RenderedChart {
  const times = [...new Set(results.flatMap((r) => r.rows.filter((x) => x.indicator === indicator).map((x) => x.time)))].sort();
  const slots = results.length + 1;
  // Observed first, then the scenarios, spread across each date's band.
  const offset = (k: number) => (slots === 1 ? 0 : -0.3 + (0.6 * k) / (slots - 1));
  const observed = firstObserved(indicator, results, times);
  const series: Record<string, unknown>[] = [
    { type: 'scatter', name: 'observed', symbol: 'diamond', symbolSize: 10, itemStyle: { color: '#222' }, data: observed.map((o, i) => [i + offset(0), o ? o.value : null]) },
    errorBarSeries('observed range', observed.flatMap((o, i) => (o ? [[i, o.low, o.high] as const] : [])), offset(0)),
  ];
  const marks: MarkSpec[] = [];
  observed.forEach((o, i) => {
    if (!o) return;
    marks.push({ series: 0, at: [i + offset(0), o.value], lines: [`${indicator}, ${times[i]}`, `observed ${fmt(o.value)} [${fmt(o.low)}, ${fmt(o.high)}]`, ...(o.note ? [o.note] : [])] });
  });
  results.forEach((r, k) => {
    const rows = times.map((t) => r.rows.find((x) => x.indicator === indicator && x.time === t));
    const colour = COLOURS[k % COLOURS.length];
    series.push(
      { type: 'scatter', name: names[k], symbolSize: 8, itemStyle: { color: colour }, data: rows.map((x, i) => [i + offset(k + 1), x ? x.mean : null]) },
      errorBarSeries(`${names[k]} 90 %`, rows.flatMap((x, i) => (x ? [[i, x.p05, x.p95] as const] : [])), offset(k + 1), colour),
    );
    rows.forEach((x, i) => {
      if (!x) return;
      marks.push({
        series: series.length - 2,
        at: [i + offset(k + 1), x.mean],
        lines: [`${names[k]}: ${indicator}, ${x.time}`, `mean ${fmt(x.mean)}, 90 % interval ${fmt(x.p05)} to ${fmt(x.p95)}`, `covers the observed range: ${x.covered ? 'yes' : 'no'}`, `CRPS ${fmt(x.crps)}`],
      });
    });
  });
  return renderChart(
    `backtest-compare-${indicator}`,
    `${indicator}: observed and forecast`,
    {
      title: { text: `${indicator}: observed (black) and each scenario's 90 % interval`, left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0, data: ['observed', ...names] },
      grid: { left: 70, right: 24, top: 44, bottom: 70 },
      // A value axis (so that each scenario can sit beside the others), labelled at the dates only.
      xAxis: {
        type: 'value',
        min: -0.5,
        max: times.length - 0.5,
        axisTick: { customValues: times.map((_, i) => i) },
        axisLabel: { customValues: times.map((_, i) => i), formatter: (v: number) => times[Math.round(v)] ?? '' },
        splitLine: { show: false },
      },
      yAxis: { type: 'value', axisLabel: { formatter: compactNumber }, scale: true, axisLine: { onZero: false } },
      series,
    },
    560,
    340,
    {
      marks,
      desc: `${indicator} at each observed date: the observed figure and its range (black diamond and bar) beside each scenario's ensemble mean and 90 % interval (${names.join(', ')}).`,
    },
  );
}

function firstObserved(indicator: string, results: readonly BacktestResult[], times: readonly string[]) {
  return times.map((t) => {
    for (const r of results) {
      const x = r.rows.find((row) => row.indicator === indicator && row.time === t);
      if (x) return { value: x.value, low: x.low, high: x.high, note: x.note };
    }
    return undefined;
  });
}
