import type { AttributionRow } from '../report-data.js';
import type { RankedMechanism } from '../mechanism-ranking.js';
import { renderChart, tipInterval, type RenderedChart } from '../svg-chart.js';
import { fmt } from '../html.js';

/** Relative change clipped to +-100 % so one huge cell does not wash out the others. */
const CLIP = 1;

export function attributionHeatmap(rows: readonly AttributionRow[], ranked: readonly RankedMechanism[]): RenderedChart {
  const indicators = [...new Set(rows.map((r) => r.indicator))];
  // Largest effect at the top: ECharts draws category 0 at the bottom of a y axis.
  const mechanisms = ranked.map((m) => m.mechanism).reverse();
  const labels = ranked.map((m) => `${m.mechanism} ${m.name}`).reverse();
  const data = rows.map((r) => {
    // No relative change where the baseline is zero: the cell stays neutral and says so.
    const rel = r.relative ?? 0;
    // A change chance alone could give (its paired interval spans zero) is drawn faint.
    const distinct = r.diffLow > 0 || r.diffHigh < 0 ? 1 : 0;
    return {
      value: [indicators.indexOf(r.indicator), mechanisms.indexOf(r.mechanism), Math.max(-CLIP, Math.min(CLIP, rel)), r.relative ?? NaN, distinct],
      itemStyle: distinct ? undefined : { opacity: 0.3 },
      label: distinct ? undefined : { color: '#777', textBorderWidth: 0 },
    };
  });
  const height = Math.max(320, 90 + mechanisms.length * 30);
  return renderChart(
    'attribution',
    'Mechanism attribution',
    {
      title: { text: 'Change when each mechanism is switched off (relative to baseline)', subtext: 'faint, in brackets: the 95 % interval of the paired difference includes zero', left: 'center', itemGap: 4, textStyle: { fontSize: 14 } },
      grid: { left: 170, right: 90, top: 58, bottom: 80 },
      xAxis: { type: 'category', data: indicators, axisLabel: { interval: 0, rotate: indicators.length > 5 ? 25 : 0, fontSize: 11 }, splitArea: { show: true } },
      yAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 }, splitArea: { show: true } },
      visualMap: {
        min: -CLIP,
        max: CLIP,
        calculable: false,
        orient: 'vertical',
        right: 10,
        top: 'middle',
        dimension: 2,
        text: ['+100 %', '-100 %'],
        inRange: { color: ['#2b5fa8', '#f4f4f4', '#b5452b'] },
      },
      series: [
        {
          type: 'heatmap',
          name: 'relative change',
          data,
          label: {
            show: true,
            fontSize: 10,
            formatter: (p: { data: { value: number[] } }) => {
              const [, , , rel, distinct] = p.data.value;
              if (Number.isNaN(rel)) return 'n/a';
              const text = `${rel >= 0 ? '+' : ''}${Math.round(rel * 100)}%`;
              return distinct ? text : `(${text})`;
            },
          },
        },
      ],
    },
    760,
    height,
    {
      wide: true,
      marks: rows.map((r) => ({
        at: [indicators.indexOf(r.indicator), mechanisms.indexOf(r.mechanism)],
        lines: [
          `${r.mechanism} ${r.mechanismName} off: ${r.indicator}`,
          `baseline ${fmt(r.baseline)}, switched off ${fmt(r.ablated)}`,
          `relative change ${r.relative === null ? 'n/a (baseline 0)' : `${r.relative >= 0 ? '+' : ''}${fmt(r.relative * 100)} %`}`,
          `paired difference ${fmt(r.diff)}${tipInterval([r.diffLow, r.diffHigh])}`,
          `${r.replicates} paired replicates`,
        ],
      })),
      desc: `How each headline indicator changes when one mechanism is switched off, relative to the baseline (blue: lower, red: higher, clipped at ±100 %). Mechanisms are ordered by effect, largest at the top; faint cells in brackets could be chance.`,
    },
  );
}
