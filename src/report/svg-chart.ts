import * as echarts from 'echarts';

/** A chart ready to inline: its id (used for PNG file names and tests), title and SVG markup. */
export interface RenderedChart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

export const FONT_FAMILY = 'DejaVu Sans, Verdana, sans-serif';

/**
 * Renders an ECharts option to SVG on the server. Animation is off so the markup is the final
 * frame, and the chart is disposed at once: SSR instances otherwise keep timers alive.
 */
export function renderChart(
  id: string,
  title: string,
  option: echarts.EChartsCoreOption,
  width = 640,
  height = 360,
): RenderedChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      ...option,
    });
    const svg = chart.renderToSVGString();
    return { id, title, svg, width, height };
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
