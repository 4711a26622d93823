import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { deriveSeed } from '../../../src/engine/random.js';
import type { JobSpec, RunResult, RunTask } from '../../../src/experiment/executor.js';
import { formatProblem, isUserError, type Problem } from '../../../src/scenario/errors.js';
import { validateScenarioDocument } from '../../../src/scenario/validate.js';
import { BAND_RGB } from '../colours.js';
import { RunPool } from '../pool/pool.js';
import type { CurrentRun } from '../sweep/sweep-panel.js';
import { ensembleBand, type BandPoint } from './ensemble-band.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const band = (a: number) => `rgba(${BAND_RGB.join(',')},${a})`;
/** Points kept per run and indicator: enough for a smooth line at chart width. */
const POINTS = 600;

function numberInput(id: string, value: number, min: number): HTMLInputElement {
  return Object.assign(document.createElement('input'), { type: 'number', id, min: String(min), step: '1', value: String(value) });
}

function field(label: string, control: HTMLElement): HTMLLabelElement {
  const l = document.createElement('label');
  l.className = 'inline';
  l.append(label, control);
  return l;
}

/**
 * Several runs of the current scenario side by side: each replicate seeded as an ensemble of
 * `powderkeg experiment` seeds it (deriveSeed(seed, 0, replicate)), run in a pool of Web
 * Workers, drawn as thin lines over the ensemble's 5-95 % and 25-75 % bands and its median.
 */
export class ComparePanel {
  private readonly pool = new RunPool();
  private readonly runs = numberInput('compare-runs', 8, 2);
  private readonly seed = numberInput('compare-seed', 1, 0);
  private readonly steps = numberInput('compare-steps', 100, 1);
  private readonly indicator = document.createElement('select');
  private readonly overlay = Object.assign(document.createElement('input'), { type: 'checkbox', id: 'compare-overlay', checked: true });
  private readonly start = Object.assign(document.createElement('button'), { type: 'button', id: 'compare-run', textContent: 'run ensemble' });
  private readonly stop = Object.assign(document.createElement('button'), { type: 'button', id: 'compare-stop', textContent: 'stop', disabled: true });
  private readonly progress = Object.assign(document.createElement('p'), { id: 'compare-progress' });
  private readonly problems = Object.assign(document.createElement('ul'), { className: 'problems' });
  private readonly chartBox = Object.assign(document.createElement('div'), { id: 'compare-chart', className: 'compare-chart' });
  private chart: echarts.ECharts | undefined;
  private results: RunResult[] = [];
  private unit = 'step';
  private prepared = false;

  constructor(
    private readonly box: HTMLElement,
    private readonly current: CurrentRun,
  ) {
    const intro = Object.assign(document.createElement('p'), {
      className: 'hint',
      textContent: `Replicates of the scenario as the form has it now (mechanisms as ticked), run at once in a pool of Web Workers and seeded as \`powderkeg experiment\` seeds an ensemble. Lines: each run; bands: 5-95 % and 25-75 % of the runs at each step; dark line: the median.`,
    });
    this.indicator.id = 'compare-indicator';
    this.indicator.addEventListener('change', () => this.plot());
    this.overlay.addEventListener('change', () => this.plot());
    this.start.addEventListener('click', () => void this.run());
    this.stop.addEventListener('click', () => this.pool.cancel());
    const settings = document.createElement('div');
    settings.className = 'sweep-settings';
    settings.append(field('runs ', this.runs), field('seed ', this.seed), field('steps ', this.steps), field('indicator ', this.indicator), field('', this.overlay), this.start, this.stop);
    (this.overlay.parentElement as HTMLElement).append(' each run');
    this.progress.setAttribute('aria-live', 'polite');
    this.chartBox.setAttribute('role', 'img');
    this.chartBox.setAttribute('aria-label', 'ensemble chart: no runs yet');
    box.append(intro, settings, this.progress, this.problems, this.chartBox);
  }

  modelChanged(): void {
    this.prepared = false;
    this.results = [];
    this.chart?.clear();
    this.progress.textContent = '';
    if (!this.box.hidden) this.shown();
  }

  shown(): void {
    this.chart?.resize();
    if (this.prepared) return;
    const now = this.current();
    if ('problems' in now) return;
    this.prepared = true;
    const valid = validateScenarioDocument(now.doc, now.file);
    const numeric = now.model.columns(valid.scenario).filter((c) => c.type !== 'string');
    this.indicator.replaceChildren(...numeric.map((c) => new Option(c.name, c.name)));
    const first = now.model.defaultSeries.find((n) => numeric.some((c) => c.name === n));
    if (first) this.indicator.value = first;
    this.seed.value = String(now.seed);
    this.steps.value = String(Math.min(now.model.defaultSteps(valid.scenario), 300));
    this.unit = now.model.clock.unit;
  }

  private async run(): Promise<void> {
    this.problems.replaceChildren();
    const now = this.current();
    if ('problems' in now) return this.showProblems(now.problems);
    try {
      const valid = validateScenarioDocument(now.doc, now.file);
      const columns = now.model.columns(valid.scenario).filter((c) => c.type !== 'string').map((c) => c.name);
      const steps = Math.max(1, Math.round(Number(this.steps.value)));
      const replicates = Math.max(1, Math.round(Number(this.runs.value)));
      const seed = Math.max(0, Math.round(Number(this.seed.value)));
      const job: JobSpec = { model: { id: now.model.id }, scenario: valid.scenario, factorPaths: {}, steps, summaries: [], series: columns, every: Math.max(1, Math.floor(steps / POINTS)) };
      const tasks: RunTask[] = Array.from({ length: replicates }, (_, r) => ({ runId: `0-${r}`, row: 0, replicate: r, seed: deriveSeed(seed, 0, r), params: {} }));
      this.results = [];
      this.start.disabled = true;
      this.stop.disabled = false;
      this.progress.textContent = `0 of ${replicates} runs (${this.pool.size} workers)`;
      let drawnAt = 0;
      await this.pool.run(job, now.disable, tasks, (r) => {
        this.results.push(r);
        this.progress.textContent = `${this.results.length} of ${replicates} runs (${this.pool.size} workers)`;
        if (performance.now() - drawnAt > 300) {
          drawnAt = performance.now();
          this.plot();
        }
      });
      const failed = this.results.find((r) => r.status === 'failed');
      this.progress.textContent = `${this.results.length} of ${replicates} runs${failed ? `; a run failed: ${failed.error}` : ''}, seeds deriveSeed(${seed}, 0, replicate)`;
      this.plot();
    } catch (err) {
      this.showProblems(isUserError(err) ? [...err.problems] : [{ message: err instanceof Error ? err.message : String(err) }]);
    } finally {
      this.start.disabled = false;
      this.stop.disabled = true;
    }
  }

  /** The band as drawn, for the test and the accessible name. */
  band(): BandPoint[] {
    return ensembleBand(this.series(), this.indicator.value);
  }

  private series() {
    return this.results.flatMap((r) => (r.series ? [r.series] : []));
  }

  private plot(): void {
    if (this.results.length === 0) return;
    this.chart ??= echarts.init(this.chartBox, undefined, { renderer: 'canvas' });
    const name = this.indicator.value;
    const runs = [...this.results].sort((a, b) => a.replicate - b.replicate);
    const b = this.band();
    const lines = this.overlay.checked
      ? runs.flatMap((r) => {
          const s = r.series;
          if (!s) return [];
          const c = s.columns.indexOf(name);
          const n = s.steps.length;
          return [{ name: `run ${r.replicate}`, type: 'line', showSymbol: false, silent: true, z: 1, lineStyle: { width: 0.8, color: 'rgba(120,120,120,0.55)' }, data: Array.from(s.steps, (step, i) => [step, s.values[c * n + i]]) }];
        })
      : [];
    // Stacked areas: an invisible floor at q05, then the 5-25, 25-75 and 75-95 slices on it.
    const slice = (id: string, lo: (p: BandPoint) => number, hi: (p: BandPoint) => number, alpha: number) => ({
      name: id,
      type: 'line',
      stack: 'band',
      showSymbol: false,
      silent: true,
      z: 2,
      lineStyle: { opacity: 0 },
      areaStyle: alpha > 0 ? { color: band(alpha) } : { opacity: 0 },
      data: b.map((p) => [p.step, hi(p) - lo(p)]),
    });
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 64, right: 24, top: 30, bottom: 50 },
        tooltip: { trigger: 'axis', formatter: (ps: { dataIndex: number }[]) => this.tip(b[ps[0]?.dataIndex ?? 0]) },
        xAxis: { type: 'value', name: this.unit, nameLocation: 'middle', nameGap: 28, min: 0, max: 'dataMax' },
        yAxis: { type: 'value', name },
        series: [
          { ...slice('floor', () => 0, (p) => p.q05, 0) },
          slice('5-25 %', (p) => p.q05, (p) => p.q25, 0.18),
          slice('25-75 %', (p) => p.q25, (p) => p.q75, 0.38),
          slice('75-95 %', (p) => p.q75, (p) => p.q95, 0.18),
          ...lines,
          { name: 'median', type: 'line', showSymbol: false, z: 3, lineStyle: { width: 2.2, color: `rgb(${BAND_RGB.join(',')})` }, data: b.map((p) => [p.step, p.q50]) },
        ],
      },
      { notMerge: true },
    );
    const last = b[b.length - 1];
    this.chartBox.setAttribute(
      'aria-label',
      last ? `Ensemble of ${runs.length} runs of ${name}: at ${this.unit} ${last.step} the median is ${last.q50.toPrecision(4)}, 5-95 % of runs between ${last.q05.toPrecision(4)} and ${last.q95.toPrecision(4)}` : 'ensemble chart',
    );
  }

  private tip(p: BandPoint | undefined): string {
    if (!p) return '';
    const f = (v: number) => v.toPrecision(4);
    return `${this.unit} ${p.step} (${p.runs} runs)<br>median ${f(p.q50)}<br>25-75 %: ${f(p.q25)} to ${f(p.q75)}<br>5-95 %: ${f(p.q05)} to ${f(p.q95)}`;
  }

  private showProblems(problems: readonly Problem[]): void {
    this.problems.replaceChildren(...problems.map((p) => Object.assign(document.createElement('li'), { textContent: formatProblem(p) })));
  }
}
