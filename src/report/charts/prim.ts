import type { PrimStep } from '../report-data.js';
import { renderChart, type RenderedChart } from '../svg-chart.js';
import { fmt } from '../html.js';

export function primTrajectoryChart(steps: readonly PrimStep[]): RenderedChart {
  const boxes = [...new Set(steps.map((s) => s.box))].sort((a, b) => a - b);
  return renderChart('prim-trajectory', 'PRIM peeling trajectory', {
    title: { text: 'PRIM peeling trajectory', left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 60, right: 30, top: 44, bottom: 64 },
    xAxis: { type: 'value', name: 'coverage', nameLocation: 'middle', nameGap: 26, min: 0, max: 1 },
    yAxis: { type: 'value', name: 'density', min: 0, max: 1 },
    series: boxes.map((b) => ({
      type: 'line',
      name: `box ${b}`,
      symbolSize: 6,
      data: steps.filter((s) => s.box === b).sort((x, y) => x.step - y.step).map((s) => [s.coverage, s.density]),
    })),
  }, 560, 340, {
    marks: steps.map((s) => ({ series: boxes.indexOf(s.box), at: [s.coverage, s.density], lines: [`box ${s.box}, peeling step ${s.step}`, `coverage ${fmt(s.coverage)}`, `density ${fmt(s.density)}`, ...(s.mass === null ? [] : [`mass ${fmt(s.mass)}`])] })),
    desc: 'Each point is one box of the peeling: how many of the cases of interest it holds (coverage, right) against how pure it is (density, up). Peeling moves up and to the left.',
  });
}
