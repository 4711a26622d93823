import type { EpsilonRow, PosteriorSample } from '../report-data.js';
import { compactNumber, renderChart, type RenderedChart } from '../svg-chart.js';
import { fmt } from '../html.js';

const BINS = 20;

/** Weighted histogram densities on shared bin edges, so generations can be compared. */
export function weightedHistogram(values: readonly number[], weights: readonly number[], lo: number, hi: number, bins = BINS): number[] {
  const out = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins || 1;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / width)));
    out[b] += weights[i];
    total += weights[i];
  }
  return total > 0 ? out.map((w) => w / total / width) : out;
}

export function posteriorChart(parameter: string, samples: readonly PosteriorSample[]): RenderedChart {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    lo = Math.min(lo, s.value);
    hi = Math.max(hi, s.value);
  }
  if (hi === lo) hi = lo + 1;
  const width = (hi - lo) / BINS;
  const generations = [...new Set(samples.map((s) => s.generation))].sort((a, b) => a - b);
  const last = generations[generations.length - 1];
  const densities = generations.map((g) => {
    const own = samples.filter((s) => s.generation === g);
    return weightedHistogram(own.map((s) => s.value), own.map((s) => s.weight), lo, hi);
  });
  const series = generations.map((g, k) => {
    const dens = densities[k];
    const shade = generations.length === 1 ? 1 : 0.25 + (0.75 * generations.indexOf(g)) / (generations.length - 1);
    return {
      type: 'bar',
      name: `generation ${g}`,
      barGap: '-100%',
      barCategoryGap: '0%',
      itemStyle: { color: g === last ? 'rgba(181,69,43,0.85)' : `rgba(49,104,176,${(shade * 0.6).toFixed(2)})` },
      data: dens,
    };
  });
  return renderChart(`posterior-${parameter}`, `Posterior of ${parameter}`, {
    title: { text: `Posterior of ${parameter} by generation`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0, type: 'scroll', itemGap: 24 },
    grid: { left: 60, right: 24, top: 44, bottom: 70 },
    xAxis: { type: 'category', data: Array.from({ length: BINS }, (_, i) => compactNumber(lo + (i + 0.5) * width)), name: parameter, nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: 'density' },
    series,
  }, 560, 340, {
    marks: Array.from({ length: BINS }, (_, i) => ({
      at: [i, Math.max(...densities.map((d) => d[i]))],
      lines: [`${parameter} ${fmt(lo + i * width)} to ${fmt(lo + (i + 1) * width)}`, ...generations.map((g, k) => `generation ${g}: density ${fmt(densities[k][i])}`)],
    })),
    desc: `Weighted histograms of ${parameter} in each ABC-SMC generation (${generations.length}); the last (red) is the posterior: where the runs that came closest to the targets put it.`,
  });
}

export function epsilonChart(rows: readonly EpsilonRow[]): RenderedChart {
  const sorted = [...rows].sort((a, b) => a.generation - b.generation);
  return renderChart('abc-epsilon', 'ABC tolerance by generation', {
    title: { text: 'ABC tolerance (epsilon) by generation', left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 24, top: 44, bottom: 50 },
    xAxis: { type: 'category', name: 'generation', nameLocation: 'middle', nameGap: 28, data: sorted.map((r) => String(r.generation)) },
    yAxis: { type: 'value', name: 'epsilon', axisLabel: { formatter: compactNumber } },
    series: [{ type: 'line', name: 'epsilon', symbolSize: 8, itemStyle: { color: '#b5452b' }, data: sorted.map((r) => r.epsilon) }],
  }, 560, 340, {
    marks: sorted.map((r, i) => ({ at: [i, r.epsilon], lines: [`generation ${r.generation}`, `epsilon ${fmt(r.epsilon)}`, ...(r.acceptanceRate === null ? [] : [`acceptance rate ${fmt(r.acceptanceRate)}`])] })),
    desc: 'The tolerance of each ABC generation: how close a run had to come to the targets to be kept. A falling line means the posterior is narrowing.',
  });
}
