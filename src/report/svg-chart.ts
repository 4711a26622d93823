import * as echarts from 'echarts';
import { fmt } from './html.js';

/** Where the plot area of a time chart lies (SVG units) and what it shows, for the tooltip script. */
export interface TooltipData {
  /** Plot areas: one for a single chart, one per panel of small multiples. */
  readonly panels: readonly {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
    readonly label?: string;
    readonly x: readonly number[];
    readonly series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
  }[];
  readonly xName: string;
  readonly unit: string;
}

/** A mark the tooltip script points at, or steps to with the arrow keys: where it is (SVG units) and what it says. */
export interface PointTip {
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
}

/** A mark as a chart names it: a data value of one series, placed by ECharts' own axes. */
export interface MarkSpec {
  readonly series?: number;
  readonly at: readonly (number | string)[];
  readonly lines: readonly string[];
}

/** A chart ready to inline: its id (used for PNG file names and tests), title and SVG markup. */
export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  /** One or two sentences saying what the chart shows (under the chart, and the SVG's <desc>). */
  readonly desc: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Small multiples and heatmaps take a whole row of the grid. */
  readonly wide?: boolean;
  readonly tooltip?: TooltipData;
  /** Marks of a chart that has no time axis (screening points, bars, heatmap cells). */
  readonly points?: readonly PointTip[];
}

export const FONT_FAMILY = 'DejaVu Sans, Verdana, sans-serif';

export interface ChartExtras {
  /** What the chart shows, in a sentence or two; the title when absent. */
  readonly desc?: string;
  readonly wide?: boolean;
  readonly tooltip?: TooltipData;
  readonly marks?: readonly MarkSpec[];
}

/**
 * Renders an ECharts option to SVG on the server. Animation is off so the markup is the final
 * frame, and the chart is disposed at once: SSR instances otherwise keep timers alive.
 */
export function renderChart(id: string, title: string, option: echarts.EChartsCoreOption, width = 560, height = 340, extras: ChartExtras = {}): RenderedChart {
  const desc = extras.desc ?? title;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      ...option,
    });
    const svg = chart.renderToSVGString();
    const points = extras.marks?.map((m) => {
      const [x, y] = chart.convertToPixel({ seriesIndex: m.series ?? 0 }, [...m.at]) as number[];
      return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, lines: m.lines };
    });
    return { id, title, desc, svg, width, height, wide: extras.wide, tooltip: extras.tooltip, points };
  } finally {
    chart.dispose();
  }
}

/** Compact axis labels: 12000 -> 12k, 0.25 -> 0.25. */
export function compactNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return trim(v);
}

/** " (95 % interval a to b)", or nothing when there is none. */
export function tipInterval(ci: readonly [number, number] | null | undefined, name = '95 % interval'): string {
  return ci ? ` (${name} ${fmt(ci[0])} to ${fmt(ci[1])})` : '';
}

function trim(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
