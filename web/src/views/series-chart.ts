import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Column } from '../../../src/engine/model.js';
import type { SeriesStore } from '../series-store.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

/** Series a teacher wants to see first; the others start hidden in the legend. */
const SHOWN_FIRST: Record<string, readonly string[]> = {
  'civil-violence': ['quiet', 'active', 'jailed', 'tension', 'blue', 'green', 'killed'],
  // protest_minded is left out at first: it is hundreds of times the others and flattens them.
  aftermath: ['detained', 'active', 'prisoners_political', 'outcasts', 'army_radical', 'emigrants', 'legitimacy'],
};

/** Series drawn in the colours of the lattice, so that the chart reads like the picture. */
const COLOURS: Record<string, string> = {
  quiet: 'rgb(89,176,60)',
  active: 'rgb(215,50,41)',
  jailed: 'rgb(73,73,73)',
  cops: 'rgb(84,196,196)',
  blue: 'rgb(52,93,169)',
  green: 'rgb(89,176,60)',
  tension: 'rgb(230,140,20)',
  legitimacy: 'rgb(140,90,200)',
};

/** Shares and ratios go on a second axis so that they are not flattened by head counts. */
const onRightAxis = (c: Column) => /^(share|ratio|probability)/.test(c.unit ?? '');

/** The live time-series chart of the indicators (the numeric columns of the series). */
export class SeriesChart {
  private readonly chart: echarts.ECharts;
  private plotted: { index: number; column: Column; data: [number, number][] }[] = [];
  private dateColumn = -1;
  private drawn = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private log = false;
  /** The legend choices a user made, per model, kept across setups. */
  private readonly selections = new Map<string, Record<string, boolean>>();
  private modelId = '';

  constructor(element: HTMLElement) {
    this.chart = echarts.init(element, undefined, { renderer: 'canvas' });
    new ResizeObserver(() => this.chart.resize()).observe(element);
    this.chart.on('legendselectchanged', (e) => {
      this.selections.set(this.modelId, { ...(e as { selected: Record<string, boolean> }).selected });
    });
  }

  /** Head counts span orders of magnitude in the aftermath model; a log axis shows them all. */
  setLogScale(on: boolean): void {
    this.log = on;
    this.chart.setOption({ yAxis: [this.leftAxis(), {}], series: this.seriesData() });
  }

  reset(store: SeriesStore): void {
    const { columns, modelId } = store;
    this.dateColumn = columns.findIndex((c) => c.type === 'string' && c.name === 'date');
    this.plotted = columns.flatMap((column, index) => (column.type === 'string' ? [] : [{ index, column, data: [] as [number, number][] }]));
    this.drawn = 0;
    this.modelId = modelId;
    const first = SHOWN_FIRST[modelId] ?? [];
    const chosen = this.selections.get(modelId) ?? {};
    const selected = Object.fromEntries(
      this.plotted.map((p) => [p.column.name, chosen[p.column.name] ?? (first.length === 0 || first.includes(p.column.name))]),
    );
    const dates = this.dateColumn >= 0 ? store : undefined;
    const dateAt = (step: number) => (dates ? String(dates.rows[step - dates.firstStep]?.[this.dateColumn] ?? step) : String(step));
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 60, right: 60, top: 70, bottom: 50 },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toPrecision(4)) : String(v)),
        },
        legend: { type: 'scroll', top: 0, selected },
        dataZoom: [{ type: 'inside' }],
        xAxis: {
          type: 'value',
          name: modelId === 'aftermath' ? 'week' : 'step',
          nameLocation: 'middle',
          nameGap: 28,
          min: 0,
          max: 'dataMax',
          minInterval: 1,
          axisLabel: { formatter: (v: number) => (this.dateColumn >= 0 ? dateAt(v) : String(v)) },
        },
        yAxis: [
          this.leftAxis(),
          { type: 'value', name: this.unitName(true), min: 0, splitLine: { show: false } },
        ],
        series: this.plotted.map((p) => ({
          name: p.column.name,
          type: 'line',
          showSymbol: false,
          sampling: 'lttb',
          yAxisIndex: onRightAxis(p.column) ? 1 : 0,
          lineStyle: { width: 1.5 },
          ...(this.colour(p.column.name, columns) ? { color: this.colour(p.column.name, columns) } : {}),
          data: p.data,
        })),
      },
      { notMerge: true },
    );
  }

  /** Takes the rows the store gained; redraws at most a few times a second. */
  update(store: SeriesStore): void {
    for (let i = this.drawn; i < store.rows.length; i++) {
      const row = store.rows[i];
      const step = store.firstStep + i;
      for (const p of this.plotted) p.data.push([step, Number(row[p.index])]);
    }
    this.drawn = store.rows.length;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.chart.setOption({ series: this.seriesData() });
    }, 150);
  }

  private leftAxis(): Record<string, unknown> {
    return this.log ? { type: 'log', name: this.unitName(false), min: 1, logBase: 10 } : { type: 'value', name: this.unitName(false), min: 0 };
  }

  /** On a log axis zero has no place: those points are left out rather than drawn at 1. */
  private seriesData(): { data: [number, number | null][] }[] {
    return this.plotted.map((p) => ({
      data: this.log && !onRightAxis(p.column) ? p.data.map(([x, y]): [number, number | null] => [x, y > 0 ? y : null]) : p.data,
    }));
  }

  /** Model II has a green group: its quiet citizens then take the chart's default colour. */
  private colour(name: string, columns: readonly Column[]): string | undefined {
    if (name === 'quiet' && columns.some((c) => c.name === 'green')) return undefined;
    return COLOURS[name];
  }

  private unitName(right: boolean): string {
    const units = new Set(this.plotted.filter((p) => onRightAxis(p.column) === right).map((p) => (p.column.unit ?? '').split(/[ ,(]/)[0]));
    return [...units].filter(Boolean).join(', ');
  }
}
