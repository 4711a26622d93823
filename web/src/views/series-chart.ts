import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Column } from '../../../src/engine/model.js';
import { MARKER_RGB } from '../colours.js';
import { measure } from '../perf.js';
import type { ModelDefinition } from '../../../src/models/types.js';
import type { LiveChange } from '../protocol.js';
import type { SeriesStore } from '../series-store.js';
import { onRightAxis, seriesColours, seriesOfParameter } from './series-colours.js';
import { SeriesPicker } from './series-picker.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer]);

const MARKER = `rgb(${MARKER_RGB.join(',')})`;
/** The series that carries the markers; it has no points of its own and is never hidden. */
const MARKERS = '\u0000changes';

/** Redraws of the chart while rows arrive: four a second is smooth enough and leaves the frames to the lattice. */
const REDRAW_MS = 250;

const formatValue = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toPrecision(4)) : String(v));

/** The live time-series chart of the indicators (the numeric columns of the series). */
export class SeriesChart {
  private readonly chart: echarts.ECharts;
  private readonly picker: SeriesPicker;
  private plotted: { index: number; column: Column; data: [number, number][] }[] = [];
  private dateColumn = -1;
  private drawn = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private log = false;
  private fixedY: [number, number][] | undefined;
  private markers: LiveChange[] = [];
  private unit = 'step';
  /** The series a user chose, per model, kept across setups. */
  private readonly choices = new Map<string, string[]>();
  private modelId = '';

  constructor(
    private readonly element: HTMLElement,
    menu: HTMLDetailsElement,
    chips: HTMLElement,
  ) {
    this.chart = echarts.init(element, undefined, { renderer: 'canvas' });
    new ResizeObserver(() => this.chart.resize()).observe(element);
    this.picker = new SeriesPicker(menu, chips);
    this.picker.onChange = (chosen) => {
      this.choices.set(this.modelId, [...chosen]);
      this.chart.setOption({ legend: { selected: this.selected() }, series: [...this.seriesData(), this.markerSeries()] });
      this.describe();
    };
  }

  /** Head counts span orders of magnitude in some models; a log axis shows them all. */
  setLogScale(on: boolean): void {
    this.log = on;
    this.fixedY = undefined;
    this.chart.setOption({ yAxis: this.axes(), series: this.seriesData() });
  }

  /** Freezes the y-axes where they are now, so that a change's effect is not rescaled away. */
  setFixedY(on: boolean): void {
    this.fixedY = on ? [0, 1].map((i) => this.extent(i)) : undefined;
    this.chart.setOption({ yAxis: this.axes() });
  }

  get shown(): ReadonlySet<string> {
    return this.picker.selected;
  }

  reset(store: SeriesStore, model: ModelDefinition | undefined): void {
    const { columns, modelId } = store;
    this.dateColumn = columns.findIndex((c) => c.type === 'string' && c.name === 'date');
    this.plotted = columns.flatMap((column, index) => (column.type === 'string' ? [] : [{ index, column, data: [] as [number, number][] }]));
    this.drawn = 0;
    this.modelId = modelId;
    this.markers = [];
    this.unit = model?.clock.unit ?? 'step';
    const names = this.plotted.map((p) => p.column.name);
    const defaults = model?.defaultSeries.filter((n) => names.includes(n)) ?? [];
    const first = defaults.length > 0 ? defaults : names;
    const colours = seriesColours(columns);
    this.picker.reset(names, colours, this.choices.get(modelId) ?? first, first);
    const dateAt = (step: number) => String(store.rows[step - store.firstStep]?.[this.dateColumn] ?? step);
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 64, right: 64, top: 36, bottom: 50 },
        tooltip: { trigger: 'axis', valueFormatter: formatValue },
        legend: { show: false, selected: this.selected() },
        dataZoom: [{ type: 'inside' }],
        xAxis: {
          type: 'value',
          name: this.unit,
          nameLocation: 'middle',
          nameGap: 28,
          min: 0,
          max: 'dataMax',
          minInterval: 1,
          axisLabel: { hideOverlap: true, formatter: (v: number) => (this.dateColumn >= 0 ? dateAt(v) : String(v)) },
          splitNumber: this.dateColumn >= 0 ? 4 : 5,
        },
        yAxis: this.axes(),
        series: [
          ...this.plotted.map((p) => ({
            name: p.column.name,
            type: 'line',
            showSymbol: false,
            sampling: 'lttb',
            yAxisIndex: onRightAxis(p.column) ? 1 : 0,
            lineStyle: { width: 1.5 },
            color: colours.get(p.column.name),
            data: p.data,
          })),
          this.markerSeries(),
        ],
      },
      { notMerge: true },
    );
    this.describe();
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
      const started = performance.now();
      this.chart.setOption({ series: [...this.seriesData(), this.markerSeries()] });
      this.describe();
      measure('chart-draw', started);
    }, REDRAW_MS);
  }

  /** A vertical marker and a label at the step a live change took effect; its parameter's series is shown. */
  markChange(change: LiveChange, columns: readonly Column[]): void {
    this.markers.push(change);
    const series = seriesOfParameter(change.param, columns);
    if (series) this.picker.show(series);
    this.chart.setOption({ series: [...this.seriesData(), this.markerSeries()] });
  }

  private markerSeries(): Record<string, unknown> {
    return {
      name: MARKERS,
      type: 'line',
      data: [],
      silent: true,
      markLine: {
        symbol: 'none',
        animation: false,
        lineStyle: { color: MARKER, width: 2, type: 'solid' },
        label: { color: MARKER, position: 'insideEndTop', formatter: (p: { data: { name: string } }) => p.data.name },
        data: this.markers.map((m) => ({ xAxis: m.at, name: `${m.param} \u2192 ${m.value}` })),
      },
    };
  }

  private selected(): Record<string, boolean> {
    const chosen = this.picker.selected;
    return Object.fromEntries([...this.plotted.map((p) => [p.column.name, chosen.has(p.column.name)]), [MARKERS, true]]);
  }

  private axes(): Record<string, unknown>[] {
    const fixed = (i: number) => (this.fixedY ? { min: this.fixedY[i][0], max: this.fixedY[i][1] } : {});
    const left = this.log
      ? { type: 'log', name: this.unitName(false), min: 1, logBase: 10, ...fixed(0) }
      : { type: 'value', name: this.unitName(false), min: 0, ...fixed(0) };
    return [left, { type: 'value', name: this.unitName(true), min: 0, splitLine: { show: false }, ...fixed(1) }];
  }

  /** The y-axis' range as drawn now. */
  private extent(index: number): [number, number] {
    const model = (this.chart as unknown as { getModel(): { getComponent(t: string, i: number): { axis: { scale: { getExtent(): [number, number] } } } } }).getModel();
    return model.getComponent('yAxis', index).axis.scale.getExtent();
  }

  /** On a log axis zero has no place: those points are left out rather than drawn at 1. */
  private seriesData(): { data: [number, number | null][] }[] {
    const shown = this.picker.selected;
    // Hidden series get no points: ECharts would still process them on every redraw.
    return this.plotted.map((p) => ({
      data: !shown.has(p.column.name) ? [] : this.log && !onRightAxis(p.column) ? p.data.map(([x, y]): [number, number | null] => [x, y > 0 ? y : null]) : p.data,
    }));
  }

  private unitName(right: boolean): string {
    const units = new Set(this.plotted.filter((p) => onRightAxis(p.column) === right).map((p) => (p.column.unit ?? '').split(/[ ,(]/)[0]));
    return [...units].filter(Boolean).join(', ');
  }

  /** The chart's accessible name: what it plots and the latest values. */
  private describe(): void {
    const shown = this.plotted.filter((p) => this.picker.selected.has(p.column.name));
    const last = shown.map((p) => {
      const point = p.data[p.data.length - 1];
      return point ? `${p.column.name.replace(/_/g, ' ')} ${formatValue(point[1])}` : p.column.name;
    });
    const steps = this.plotted[0]?.data.length ?? 0;
    const changes = this.markers.length > 0 ? `; ${this.markers.length} live change${this.markers.length > 1 ? 's' : ''} marked` : '';
    this.element.setAttribute('aria-label', `Line chart over ${steps} ${this.unit}s${steps > 0 ? `, latest values: ${last.join(', ')}` : ''}${changes}`);
  }
}
