import type { Band, Quantiles } from '../report-data.js';
import { compactNumber, renderChart, type RenderedChart, type TooltipData } from '../svg-chart.js';
import { yScale } from './early-spike.js';

const OUTER = 'rgba(49, 104, 176, 0.18)';
const INNER = 'rgba(49, 104, 176, 0.38)';
const MEDIAN = '#1f4e8c';

/**
 * A band drawn as one closed polygon (upper edge forwards, lower edge back). The data carry
 * both edges so the axis extent covers the band; only the first item draws. `clip` keeps a
 * band cut by a fixed axis maximum inside the plot.
 */
export function bandSeries(
  name: string,
  steps: readonly number[],
  low: readonly number[],
  high: readonly number[],
  fill: string,
  axisIndex = 0,
): Record<string, unknown> {
  return {
    type: 'custom',
    name,
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    silent: true,
    clip: true,
    itemStyle: { color: fill },
    data: steps.map((s, i) => [s, low[i], high[i]]),
    encode: { x: 0, y: [1, 2] },
    renderItem: (params: { dataIndex: number }, api: { coord: (p: number[]) => number[] }) => {
      if (params.dataIndex !== 0) return null;
      const points: number[][] = [];
      for (let i = 0; i < steps.length; i++) points.push(api.coord([steps[i], high[i]]));
      for (let i = steps.length - 1; i >= 0; i--) points.push(api.coord([steps[i], low[i]]));
      return { type: 'polygon', shape: { points }, style: { fill } };
    },
  };
}

export function medianSeries(q: Quantiles, axisIndex = 0, name = 'median'): Record<string, unknown> {
  return {
    type: 'line',
    name,
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    showSymbol: false,
    clip: true,
    lineStyle: { color: MEDIAN, width: 2 },
    itemStyle: { color: MEDIAN },
    data: q.steps.map((s, i) => [s, q.p50[i]]),
  };
}

/** What the tooltip script reads out at a step: the five quantiles. */
export function quantileSeries(q: Quantiles): TooltipData['panels'][number]['series'] {
  return [
    { name: 'median', values: q.p50 },
    { name: '25 %', values: q.p25 },
    { name: '75 %', values: q.p75 },
    { name: '5 %', values: q.p05 },
    { name: '95 %', values: q.p95 },
  ];
}

const valueAxis = (extra: Record<string, unknown> = {}) => ({
  type: 'value',
  scale: false,
  axisLabel: { formatter: compactNumber },
  ...extra,
});

const W = 560;
const H = 340;
const GRID = { left: 64, right: 24, top: 52, bottom: 64 };

export function bandChart(band: Band, stepName: string, replicates?: number): RenderedChart {
  const unit = band.unit ? ` (${band.unit})` : '';
  const y = yScale([{ steps: band.steps, low: band.p05, high: band.p95 }], stepName);
  const over = replicates ? ` over ${replicates} replicates` : ' over the replicates';
  const desc = `${band.indicator}${unit} by ${stepName}: the median${over} (line), the middle half (dark band, 25-75 %) and nine runs in ten (light band, 5-95 %).${y.clipped ? ` ${y.clipped}` : ''}`;
  return renderChart(
    `band-${band.indicator}`,
    `${band.indicator}${unit}`,
    {
      title: { text: `${band.indicator}${unit}`, subtext: y.clipped ? 'early peak cut off (see below)' : '', left: 'center', itemGap: 4, textStyle: { fontSize: 15, width: W - 30, overflow: 'truncate', ellipsis: '…' }, subtextStyle: { fontSize: 12, color: '#b5452b' } },
      legend: { bottom: 0, data: ['5-95 %', '25-75 %', 'median'], textStyle: { fontSize: 13 } },
      grid: GRID,
      xAxis: { type: 'value', name: stepName, nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax', axisLabel: { showMaxLabel: false, fontSize: 12 } },
      yAxis: valueAxis({ min: Math.min(0, y.min), max: y.max, axisLabel: { formatter: compactNumber, fontSize: 12 } }),
      series: [bandSeries('5-95 %', band.steps, band.p05, band.p95, OUTER), bandSeries('25-75 %', band.steps, band.p25, band.p75, INNER), medianSeries(band)],
    },
    W,
    H,
    {
      desc,
      tooltip: {
        xName: stepName,
        unit: band.unit,
        panels: [{ left: GRID.left, top: GRID.top, width: W - GRID.left - GRID.right, height: H - GRID.top - GRID.bottom, x: band.steps, series: quantileSeries(band) }],
      },
    },
  );
}

/**
 * Per-group small multiples of one indicator on one shared y axis (so that panels compare at a
 * glance), sharing the step axis, one grid per group.
 */
export function groupBandsChart(indicator: string, unit: string, bands: readonly Band[], stepName: string): RenderedChart {
  const cols = Math.min(4, bands.length);
  const rows = Math.ceil(bands.length / cols);
  const cellW = 290;
  const cellH = 190;
  const top = 70;
  const width = cols * cellW;
  const height = rows * cellH + top + 10;
  const y = yScale(
    bands.map((b) => ({ steps: b.steps, low: b.p05, high: b.p95 })),
    stepName,
  );
  const cell = (i: number) => ({ left: (i % cols) * cellW + 54, top: Math.floor(i / cols) * cellH + top + 20, width: cellW - 72, height: cellH - 66 });
  const grids = bands.map((_, i) => cell(i));
  const titles = bands.map((b, i) => ({ text: b.group ?? '', left: cell(i).left, top: cell(i).top - 20, textStyle: { fontSize: 13, fontWeight: 'normal' } }));
  const u = unit ? ` (${unit})` : '';
  const shared = `All ${bands.length} panels share one y axis (${compactNumber(Math.min(0, y.min))} to ${compactNumber(y.max ?? 0)}), so heights compare across regions.`;
  const desc = `${indicator}${u} in each region by ${stepName}: median (line), 25-75 % and 5-95 % bands over the replicates. ${shared}${y.clipped ? ` ${y.clipped}` : ''}`;
  return renderChart(
    `regions-${indicator}`,
    `${indicator} by region${u}`,
    {
      title: [
        { text: `${indicator} by region${u}`, subtext: `one shared y axis · x axis: ${stepName}${y.clipped ? ' · early peak cut off' : ''}`, left: 'center', itemGap: 4, textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 12 } },
        ...titles,
      ],
      grid: grids,
      xAxis: bands.map((_, i) => ({ type: 'value', gridIndex: i, min: 'dataMin', max: 'dataMax', axisLabel: { fontSize: 11, showMaxLabel: false } })),
      yAxis: bands.map((_, i) => valueAxis({ gridIndex: i, min: Math.min(0, y.min), max: y.max, axisLabel: { formatter: compactNumber, fontSize: 11 } })),
      series: bands.flatMap((b, i) => [bandSeries('5-95 %', b.steps, b.p05, b.p95, OUTER, i), bandSeries('25-75 %', b.steps, b.p25, b.p75, INNER, i), medianSeries(b, i)]),
    },
    width,
    height,
    {
      desc,
      wide: true,
      tooltip: { xName: stepName, unit, panels: bands.map((b, i) => ({ ...cell(i), label: b.group ?? '', x: b.steps, series: quantileSeries(b) })) },
    },
  );
}
