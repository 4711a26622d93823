import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import YAML from 'yaml';
import type { RunResult } from '../../../src/experiment/executor.js';
import { factorColumnName, type Experiment, type Summary } from '../../../src/experiment/schema.js';
import type { ModelDefinition } from '../../../src/models/types.js';
import { formatProblem, isUserError, type Problem } from '../../../src/scenario/errors.js';
import { parseScenarioText, validateScenarioDocument } from '../../../src/scenario/validate.js';
import { downloadText } from '../download.js';
import { RunPool } from '../pool/pool.js';
import { bundledPresets } from '../presets.js';
import { runsCsv } from './runs-csv.js';
import { numericPaths, scenarioEdits } from './scenario-edits.js';
import { sweepExperiment, sweepJob, sweepLayout, sweepTasks, type SweepFactor } from './sweep-design.js';

echarts.use([HeatmapChart, LineChart, ScatterChart, GraphicComponent, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type CurrentRun = () => { model: ModelDefinition; doc: unknown; file: string; disable: string[]; seed: number } | { problems: Problem[] };

const STATS = ['mean', 'max', 'min', 'value_at', 'first_passage', 'episodes'] as const;

function field(label: string, control: HTMLElement, title?: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.className = 'inline';
  if (title) l.title = title;
  l.append(label, control);
  return l;
}

function numberInput(id: string, value: number, step = 'any', min?: number): HTMLInputElement {
  const i = document.createElement('input');
  i.type = 'number';
  i.id = id;
  i.step = step;
  if (min !== undefined) i.min = String(min);
  i.value = String(value);
  return i;
}

/** Whether the schema makes a field a whole number (the form's number box then steps by 1). */
const isIntegerField = (path: string) => document.querySelector<HTMLInputElement>(`#params input[type="number"][data-path="${path}"]`)?.step === '1';

/** Four significant digits, without trailing zeros (0.04, not 0.04000). */
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/**
 * BehaviorSpace in the page: a factorial sweep of one or two parameters of the current scenario,
 * its runs spread over a pool of Web Workers, shown as a line plot or a heatmap of one summary,
 * downloadable as the CLI's runs CSV and as the experiment file that re-runs it.
 */
export class SweepPanel {
  private readonly pool = new RunPool();
  private readonly factorRows: { path: HTMLSelectElement; min: HTMLInputElement; max: HTMLInputElement; levels: HTMLInputElement }[] = [];
  private readonly replicates = numberInput('sweep-replicates', 2, '1', 1);
  private readonly seed = numberInput('sweep-seed', 1, '1', 0);
  private readonly steps = numberInput('sweep-steps', 100, '1', 1);
  private readonly stat = document.createElement('select');
  private readonly indicator = document.createElement('select');
  private readonly level = numberInput('sweep-level', 50);
  private readonly start = document.createElement('button');
  private readonly stop = document.createElement('button');
  private readonly csvButton = document.createElement('button');
  private readonly yamlButton = document.createElement('button');
  private readonly progress = document.createElement('p');
  private readonly problems = document.createElement('ul');
  private readonly chartBox = document.createElement('div');
  private chart: echarts.ECharts | undefined;
  private last: { e: Experiment; results: RunResult[]; yaml: string } | undefined;
  private prepared = false;

  constructor(
    private readonly box: HTMLElement,
    private readonly current: CurrentRun,
  ) {
    const intro = document.createElement('p');
    intro.className = 'hint';
    intro.textContent =
      'A factorial sweep of one or two parameters of the scenario as the form has it now, run in Web Workers with the seeds `powderkeg experiment` gives (deriveSeed of the seed, row and replicate). The CSV is the runs table of the CLI\u2019s store, as `powderkeg export --format csv` writes it without elapsed_ms.';
    const factors = document.createElement('fieldset');
    factors.className = 'sweep-factors';
    const legend = document.createElement('legend');
    legend.textContent = 'factors';
    factors.append(legend);
    for (let k = 0; k < 2; k++) {
      const path = document.createElement('select');
      path.id = `sweep-path-${k}`;
      path.setAttribute('aria-label', `factor ${k + 1}`);
      const row = { path, min: numberInput(`sweep-min-${k}`, 0), max: numberInput(`sweep-max-${k}`, 1), levels: numberInput(`sweep-levels-${k}`, k === 0 ? 5 : 3, '1', 1) };
      path.addEventListener('change', () => this.suggestRange(k));
      const line = document.createElement('div');
      line.className = 'sweep-factor';
      line.append(field(`${k + 1}. `, path), field('from ', row.min), field('to ', row.max), field('levels ', row.levels));
      factors.append(line);
      this.factorRows.push(row);
    }
    for (const s of STATS) this.stat.add(new Option(s.replace('_', ' '), s));
    this.stat.id = 'sweep-stat';
    this.indicator.id = 'sweep-indicator';
    this.stat.addEventListener('change', () => this.showLevel());
    const runs = document.createElement('div');
    runs.className = 'sweep-settings';
    runs.append(
      field('replicates ', this.replicates),
      field('seed ', this.seed, 'the experiment seed; run seeds derive from it'),
      field('steps ', this.steps),
      field('summary ', this.stat),
      field('of ', this.indicator),
      field('above ', this.level, 'the level a first passage or an episode must pass'),
    );
    const buttons = document.createElement('div');
    buttons.className = 'sweep-buttons';
    Object.assign(this.start, { type: 'button', id: 'sweep-run', textContent: 'run sweep' });
    Object.assign(this.stop, { type: 'button', id: 'sweep-stop', textContent: 'stop', disabled: true });
    Object.assign(this.csvButton, { type: 'button', id: 'sweep-csv', textContent: 'download runs CSV', disabled: true });
    Object.assign(this.yamlButton, { type: 'button', id: 'sweep-yaml', textContent: 'download experiment YAML', disabled: true });
    this.start.addEventListener('click', () => void this.run());
    this.stop.addEventListener('click', () => this.pool.cancel());
    this.csvButton.addEventListener('click', () => this.last && downloadText(`${this.last.e.name}-runs.csv`, runsCsv(this.last.results, sweepLayout(this.last.e))));
    this.yamlButton.addEventListener('click', () => this.last && downloadText(`${this.last.e.name}.yaml`, this.last.yaml, 'application/yaml'));
    buttons.append(this.start, this.stop, this.csvButton, this.yamlButton);
    this.progress.id = 'sweep-progress';
    this.progress.setAttribute('aria-live', 'polite');
    this.problems.className = 'problems';
    this.chartBox.id = 'sweep-chart';
    this.chartBox.className = 'sweep-chart';
    this.chartBox.setAttribute('role', 'img');
    this.chartBox.setAttribute('aria-label', 'sweep results: none yet');
    box.append(intro, factors, runs, buttons, this.progress, this.problems, this.chartBox);
  }

  /** The scenario changed: offer its fields again next time the panel is shown. */
  modelChanged(): void {
    this.prepared = false;
    if (!this.box.hidden) this.shown();
  }

  shown(): void {
    if (this.prepared) return;
    const now = this.current();
    if ('problems' in now) return;
    this.prepared = true;
    const valid = validateScenarioDocument(now.doc, now.file);
    const paths = numericPaths(valid.scenario).filter((p) => p.path !== 'steps' && p.path !== 'horizon' && p.path !== 'seed');
    const live = now.model.liveParameters.map((p) => p.path);
    const first = paths.find((p) => live.includes(p.path)) ?? paths[0];
    this.factorRows.forEach((row, k) => {
      row.path.replaceChildren(...(k === 1 ? [new Option('(none)', '')] : []), ...paths.map((p) => new Option(p.path, p.path)));
      if (k === 0 && first) row.path.value = first.path;
      if (k === 1) row.path.value = '';
      this.suggestRange(k);
    });
    this.indicator.replaceChildren(...now.model.columns(valid.scenario).filter((c) => c.type !== 'string').map((c) => new Option(c.name, c.name)));
    const headline = now.model.defaultSeries.find((n) => [...this.indicator.options].some((o) => o.value === n));
    if (headline) this.indicator.value = headline;
    this.seed.value = String(now.seed);
    this.steps.value = String(Math.min(now.model.defaultSteps(valid.scenario), 200));
    this.showLevel();
  }

  private suggestRange(k: number): void {
    const now = this.current();
    const row = this.factorRows[k];
    if ('problems' in now || row.path.value === '') return;
    const value = numericPaths(validateScenarioDocument(now.doc, now.file).scenario).find((p) => p.path === row.path.value)?.value ?? 0;
    const live = now.model.liveParameters.find((p) => p.path === row.path.value);
    const lo = value === 0 ? 0 : value * 0.8;
    const hi = value === 0 ? 1 : value * 1.2;
    row.min.value = fmt(live ? Math.max(live.min, lo) : lo);
    row.max.value = fmt(live ? Math.min(live.max, hi) : hi);
  }

  private showLevel(): void {
    const needs = this.stat.value === 'first_passage' || this.stat.value === 'episodes';
    (this.level.parentElement as HTMLElement).hidden = !needs;
  }

  private summary(): Summary {
    const indicator = this.indicator.value;
    const stat = this.stat.value as (typeof STATS)[number];
    const name = `${stat}_${indicator}`;
    switch (stat) {
      case 'value_at':
        return { name: `${indicator}_at_end`, stat, indicator, at: 'end' };
      case 'first_passage':
        return { name, stat, indicator, above: Number(this.level.value) };
      case 'episodes':
        return { name, stat, indicator, above: Number(this.level.value) };
      default:
        return { name, stat, indicator };
    }
  }

  private async run(): Promise<void> {
    this.problems.replaceChildren();
    const now = this.current();
    if ('problems' in now) return this.showProblems(now.problems);
    try {
      const valid = validateScenarioDocument(now.doc, now.file);
      const preset = bundledPresets().find((p) => p.file === now.file);
      const base = preset ? parseScenarioText(preset.text, preset.file).scenario : {};
      const factors: SweepFactor[] = this.factorRows
        .filter((r) => r.path.value !== '')
        .map((r) => ({ path: r.path.value, min: Number(r.min.value), max: Number(r.max.value), levels: Math.max(1, Math.round(Number(r.levels.value))), integer: isIntegerField(r.path.value) }));
      const set = scenarioEdits(base, valid.scenario);
      const settings = {
        scenarioFile: `../${now.file}`,
        set,
        factors,
        replicates: Math.max(1, Math.round(Number(this.replicates.value))),
        seed: Math.max(0, Math.round(Number(this.seed.value))),
        steps: Math.max(1, Math.round(Number(this.steps.value))),
        summary: this.summary(),
      };
      const e = sweepExperiment(settings);
      const yaml = experimentYaml(e, now.disable);
      const { tasks } = await sweepTasks(e);
      const job = sweepJob(e, now.model.id, valid.scenario);
      const results: RunResult[] = [];
      this.last = undefined;
      this.setRunning(true);
      this.progress.textContent = `0 of ${tasks.length} runs (${this.pool.size} workers)`;
      // An experiment file runs every mechanism, so the sweep does too (see experimentYaml).
      await this.pool.run(job, [], tasks, (r) => {
        results.push(r);
        this.progress.textContent = `${results.length} of ${tasks.length} runs (${this.pool.size} workers)`;
        if (results.length % Math.max(1, Math.floor(tasks.length / 10)) === 0) this.plot(e, results);
      });
      const failed = results.filter((r) => r.status === 'failed');
      this.progress.textContent =
        results.length < tasks.length ? `stopped after ${results.length} of ${tasks.length} runs` : `done: ${tasks.length} runs${failed.length ? `, ${failed.length} failed (${failed[0].error})` : ''}`;
      this.last = { e, results, yaml };
      this.plot(e, results);
    } catch (err) {
      this.showProblems(isUserError(err) ? [...err.problems] : [{ message: err instanceof Error ? err.message : String(err) }]);
    } finally {
      this.setRunning(false);
    }
  }

  private setRunning(on: boolean): void {
    this.start.disabled = on;
    this.stop.disabled = !on;
    this.csvButton.disabled = on || !this.last;
    this.yamlButton.disabled = on || !this.last;
  }

  private showProblems(problems: readonly Problem[]): void {
    this.problems.replaceChildren(...problems.map((p) => Object.assign(document.createElement('li'), { textContent: formatProblem(p) })));
  }

  /** Mean over the replicates of each design point: a line over factor 1, or a heatmap over both. */
  private plot(e: Experiment, results: readonly RunResult[]): void {
    this.chart ??= echarts.init(this.chartBox, undefined, { renderer: 'canvas' });
    const [f1, f2] = e.factors.map(factorColumnName);
    const summary = e.outputs.summaries[0].name;
    const points = new Map<string, { a: number; b: number; values: number[] }>();
    for (const r of results) {
      const a = Number(r.params[f1]);
      const b = f2 ? Number(r.params[f2]) : 0;
      const key = `${a}|${b}`;
      const p = points.get(key) ?? { a, b, values: [] };
      const v = r.summaries[0];
      if (v !== null && Number.isFinite(v)) p.values.push(v);
      points.set(key, p);
    }
    const mean = (v: number[]) => (v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length);
    if (!f2) {
      const sorted = [...points.values()].sort((x, y) => x.a - y.a);
      this.chart.setOption(
        {
          animation: false,
          grid: { left: 64, right: 24, top: 30, bottom: 50 },
          tooltip: { trigger: 'item' },
          xAxis: { type: 'value', name: e.factors[0].path, nameLocation: 'middle', nameGap: 28, scale: true },
          yAxis: { type: 'value', name: summary },
          series: [
            { name: 'replicates', type: 'scatter', symbolSize: 6, itemStyle: { color: 'rgba(84,112,198,0.45)' }, data: results.flatMap((r) => (r.summaries[0] === null ? [] : [[Number(r.params[f1]), r.summaries[0]]])) },
            { name: `mean ${summary}`, type: 'line', color: '#d7322a', data: sorted.map((p) => [p.a, mean(p.values)]) },
          ],
        },
        { notMerge: true },
      );
      this.chartBox.setAttribute('aria-label', `Line plot of ${summary} (mean of ${e.replicates} replicates) against ${e.factors[0].path}: ${sorted.map((p) => `${fmt(p.a)}: ${p.values.length ? fmt(mean(p.values)!) : 'none'}`).join('; ')}`);
      return;
    }
    const xs = [...new Set([...points.values()].map((p) => p.a))].sort((x, y) => x - y);
    const ys = [...new Set([...points.values()].map((p) => p.b))].sort((x, y) => x - y);
    // '-' is ECharts' empty value: a point where no run had one (a first passage that never came).
    const cells = [...points.values()].map((p) => [xs.indexOf(p.a), ys.indexOf(p.b), mean(p.values) ?? '-']);
    const values = cells.map((c) => c[2]).filter((v): v is number => typeof v === 'number');
    this.chart.setOption(
      {
        animation: false,
        grid: { left: 80, right: 90, top: 30, bottom: 60 },
        tooltip: { formatter: (p: { value: [number, number, number | string] }) => `${e.factors[0].path} ${fmt(xs[p.value[0]])}, ${e.factors[1].path} ${fmt(ys[p.value[1]])}: ${typeof p.value[2] === 'number' ? fmt(p.value[2]) : 'no run had a value'}` },
        xAxis: { type: 'category', name: e.factors[0].path, nameLocation: 'middle', nameGap: 30, data: xs.map(fmt) },
        yAxis: { type: 'category', name: e.factors[1].path, data: ys.map(fmt) },
        visualMap: { min: Math.min(...values, 0), max: Math.max(...values, 1), calculable: true, orient: 'vertical', right: 0, top: 'middle', text: [summary, ''], inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
        series: [{ name: summary, type: 'heatmap', data: cells, label: { show: true, formatter: (p: { value: [number, number, number | string] }) => (typeof p.value[2] === 'number' ? fmt(p.value[2]) : '') } }],
        graphic: values.length < cells.length ? [{ type: 'text', left: 80, bottom: 4, style: { text: 'blank: no run of that point had a value (e.g. the first passage never came)', fill: '#6b7d90', fontSize: 11 } }] : [],
      },
      { notMerge: true },
    );
    this.chartBox.setAttribute('aria-label', `Heatmap of ${summary} (mean of ${e.replicates} replicates) over ${e.factors[0].path} and ${e.factors[1].path}`);
  }
}

/** The experiment file that re-runs the sweep: `powderkeg experiment FILE` from a folder beside scenarios/. */
export function experimentYaml(e: Experiment, disable: readonly string[]): string {
  const input = {
    kind: e.kind,
    name: e.name,
    description: e.description,
    scenario: e.scenario,
    ...(Object.keys(e.set).length > 0 ? { set: e.set } : {}),
    factors: e.factors.map((f) => ({ path: f.path, range: f.range, levels: f.levels, ...(f.integer ? { integer: true } : {}) })),
    design: { type: 'factorial' },
    replicates: e.replicates,
    seed: e.seed,
    steps: e.steps,
    outputs: { summaries: e.outputs.summaries },
  };
  const note = disable.length > 0 ? `# Mechanisms switched off in the page (${disable.join(', ')}) are not part of an experiment file: this sweep ran them all, as the CLI does.\n` : '';
  return `# Saved from the powderkeg workbench. Save it in a folder beside scenarios/ (e.g. experiments/) and run:\n#   powderkeg experiment ${e.name}.yaml\n# then: powderkeg export powderkeg-out/${e.name}.duckdb --format csv --table runs\n${note}${YAML.stringify(input, { lineWidth: 0 })}`;
}
