import type { Band } from '../report-data.js';
import { compactNumber, renderChart, type RenderedChart } from '../svg-chart.js';

const OUTER = 'rgba(49, 104, 176, 0.18)';
const INNER = 'rgba(49, 104, 176, 0.38)';
const MEDIAN = '#1f4e8c';

/**
 * A band drawn as one closed polygon (upper edge forwards, lower edge back). The data carry
 * both edges so the axis extent covers the band; only the first item draws.
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

function medianSeries(band: Band, axisIndex = 0): Record<string, unknown> {
  return {
    type: 'line',
    name: 'median',
    xAxisIndex: axisIndex,
    yAxisIndex: axisIndex,
    showSymbol: false,
    lineStyle: { color: MEDIAN, width: 2 },
    itemStyle: { color: MEDIAN },
    data: band.steps.map((s, i) => [s, band.p50[i]]),
  };
}

const valueAxis = (extra: Record<string, unknown> = {}) => ({
  type: 'value',
  scale: false,
  axisLabel: { formatter: compactNumber },
  ...extra,
});

export function bandChart(band: Band, stepName: string): RenderedChart {
  const unit = band.unit ? ` (${band.unit})` : '';
  return renderChart(`band-${band.indicator}`, `${band.indicator}${unit}`, {
    title: { text: `${band.indicator}${unit}`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, data: ['5-95 %', '25-75 %', 'median'] },
    grid: { left: 64, right: 24, top: 40, bottom: 64 },
    xAxis: { type: 'value', name: stepName, nameLocation: 'middle', nameGap: 26, min: 'dataMin', max: 'dataMax', axisLabel: { showMaxLabel: false } },
    yAxis: valueAxis(),
    series: [
      bandSeries('5-95 %', band.steps, band.p05, band.p95, OUTER),
      bandSeries('25-75 %', band.steps, band.p25, band.p75, INNER),
      medianSeries(band),
    ],
  });
}

/** Per-group small multiples of one indicator, sharing the step axis, one grid per group. */
export function groupBandsChart(indicator: string, unit: string, bands: readonly Band[], stepName: string): RenderedChart {
  const cols = Math.min(3, bands.length);
  const rows = Math.ceil(bands.length / cols);
  const cellW = 300;
  const cellH = 190;
  const width = cols * cellW;
  const height = rows * cellH + 70;
  const grids = bands.map((_, i) => ({
    left: (i % cols) * cellW + 56,
    top: Math.floor(i / cols) * cellH + 66,
    width: cellW - 76,
    height: cellH - 70,
  }));
  const titles = bands.map((b, i) => ({
    text: b.group ?? '',
    left: (i % cols) * cellW + 56,
    top: Math.floor(i / cols) * cellH + 44,
    textStyle: { fontSize: 12, fontWeight: 'normal' },
  }));
  const u = unit ? ` (${unit})` : '';
  return renderChart(
    `regions-${indicator}`,
    `${indicator} by region${u}`,
    {
      title: [{ text: `${indicator} by region${u}`, subtext: `x axis: ${stepName}`, left: 'center', itemGap: 2, textStyle: { fontSize: 14 } }, ...titles],
      grid: grids,
      xAxis: bands.map((_, i) => ({ type: 'value', gridIndex: i, min: 'dataMin', max: 'dataMax', axisLabel: { fontSize: 10, showMaxLabel: false } })),
      yAxis: bands.map((_, i) => valueAxis({ gridIndex: i, axisLabel: { formatter: compactNumber, fontSize: 10 } })),
      series: bands.flatMap((b, i) => [
        bandSeries('5-95 %', b.steps, b.p05, b.p95, OUTER, i),
        bandSeries('25-75 %', b.steps, b.p25, b.p75, INNER, i),
        medianSeries(b, i),
      ]),
    },
    width,
    height,
  );
}
