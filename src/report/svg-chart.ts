import * as echarts from 'echarts';

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
}

export const FONT_FAMILY = 'DejaVu Sans, Verdana, sans-serif';

export interface ChartExtras {
  /** What the chart shows, in a sentence or two; the title when absent. */
  readonly desc?: string;
  readonly wide?: boolean;
  readonly tooltip?: TooltipData;
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
    return { id, title, desc, svg, width, height, wide: extras.wide, tooltip: extras.tooltip };
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

function trim(v: number): string {
  return Number(v.toPrecision(3)).toString();
}
