import { models } from '../../src/models/registry.js';
import type { ModelDefinition } from '../../src/models/types.js';
import { formatProblem, isUserError, type Problem } from '../../src/scenario/errors.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import YAML from 'yaml';
import { groupedCsv, seriesCsv } from './csv.js';
import { downloadText } from './download.js';
import { SchemaForm } from './form/schema-form.js';
import { bundledPresets, type Preset } from './presets.js';
import type { BatchMessage, FromWorker, LiveChange, ToWorker } from './protocol.js';
import { measure } from './perf.js';
import { SeriesStore } from './series-store.js';
import { defaultSpeedIndex, RateMeter, SPEEDS, speedLabel } from './speed.js';
import { AgentInspector, HoverTip } from './views/agent-inspector.js';
import { LatticeView } from './views/lattice-view.js';
import { MechanismSwitches } from './views/mechanism-switches.js';
import { NetworkView } from './views/network-view.js';
import { RegionMap } from './views/region-map.js';
import { RegionTable } from './views/region-table.js';
import { SeriesChart } from './views/series-chart.js';
import { Tabs } from './views/tabs.js';
import { withJumps } from './worker/live-changes.js';
import { ComparePanel } from './compare/compare-panel.js';
import { SweepPanel } from './sweep/sweep-panel.js';
import { StoresPanel } from './stores/stores-panel.js';

const byId = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

const count = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en') : v.toPrecision(3)) : String(v));

/** The page: picks a scenario, edits it, drives the worker and shows what it sends back. */
export class Workbench {
  private readonly presets = bundledPresets();
  private readonly store = new SeriesStore();
  private readonly form = new SchemaForm(byId<HTMLFormElement>('params'));
  private readonly lattice = new LatticeView(byId<HTMLCanvasElement>('lattice'), byId('legend'));
  private readonly chart = new SeriesChart(byId('chart'), byId<HTMLDetailsElement>('series-menu'), byId('series-chips'));
  private readonly regions = new RegionTable(byId('regions'));
  private readonly regionMap = new RegionMap(byId('region-map'));
  private readonly network = new NetworkView(byId('network-box'));
  private networkAt = 0;
  private readonly mechanisms = new MechanismSwitches(byId('mechanisms'));
  private readonly meter = new RateMeter();
  private readonly inspector = new AgentInspector(byId('inspector'));
  private readonly hoverTip = new HoverTip(byId('hover-tip'));
  private readonly compare: ComparePanel;
  private readonly sweep: SweepPanel;
  /** The cell last clicked, to label the worker's answer. */
  private inspected: { x: number; y: number } | undefined;
  private hovered: { x: number; y: number; cell: number; clientX: number; clientY: number } | undefined;
  private readonly ui = {
    model: byId<HTMLSelectElement>('model'),
    preset: byId<HTMLSelectElement>('preset'),
    status: byId('status'),
    setup: byId<HTMLButtonElement>('setup'),
    step: byId<HTMLButtonElement>('step'),
    go: byId<HTMLButtonElement>('go'),
    pause: byId<HTMLButtonElement>('pause'),
    seed: byId<HTMLInputElement>('seed'),
    speed: byId<HTMLInputElement>('speed'),
    speedLabel: byId<HTMLOutputElement>('speed-label'),
    stepCount: byId('step-count'),
    rate: byId('rate'),
    gridSize: byId('grid-size'),
    zoomLevel: byId('zoom-level'),
    summary: byId('summary'),
    problems: byId<HTMLUListElement>('problems'),
    latticeBox: byId('lattice-box'),
    canvas: byId<HTMLCanvasElement>('lattice'),
    changes: byId<HTMLUListElement>('changes'),
    csv: byId<HTMLButtonElement>('csv'),
    csvGroups: byId<HTMLButtonElement>('csv-groups'),
  };
  private worker: Worker;
  private preset: Preset | undefined;
  private running = false;
  private ready = false;
  private settingUp = false;
  private done = false;
  private runSeed = 0;
  /** Speed stop per model the user chose; others get a default that suits their run length. */
  private readonly speeds = new Map<string, number>();
  private summaryAt = 0;
  /** What the last setup ran, to save as a scenario file. */
  private lastRun: { doc: unknown; file: string; disable: string[] } | undefined;

  constructor() {
    this.worker = this.startWorker();
    const offered = models.filter((m) => this.presets.some((p) => m.id === p.modelId));
    for (const m of offered) {
      const option = new Option(m.title, m.id);
      option.title = m.title;
      this.ui.model.add(option);
    }
    this.ui.model.addEventListener('change', () => this.pickModel());
    this.ui.preset.addEventListener('change', () => this.pickPreset());
    byId('reload').addEventListener('click', () => this.pickPreset());
    this.ui.setup.addEventListener('click', () => this.setup());
    this.ui.step.addEventListener('click', () => this.send({ type: 'step' }));
    this.ui.go.addEventListener('click', () => this.go());
    this.ui.pause.addEventListener('click', () => this.send({ type: 'pause' }));
    this.ui.speed.addEventListener('input', () => {
      this.speeds.set(this.ui.model.value, Number(this.ui.speed.value));
      this.showSpeed();
      if (this.running) this.send({ type: 'speed', rate: this.rate() });
    });
    this.wireLattice();
    byId('network-refresh').addEventListener('click', () => this.askNetwork());
    const log = byId<HTMLInputElement>('log-scale');
    log.addEventListener('change', () => this.chart.setLogScale(log.checked));
    const fixY = byId<HTMLInputElement>('fix-y');
    fixY.addEventListener('change', () => this.chart.setFixedY(fixY.checked));
    this.ui.csv.addEventListener('click', () => this.downloadSeries());
    this.ui.csvGroups.addEventListener('click', () => this.downloadGroups());
    byId('scenario-file').addEventListener('click', () => this.downloadScenario());
    const current = () => this.currentRun();
    this.compare = new ComparePanel(byId('view-compare'), current);
    this.sweep = new SweepPanel(byId('view-sweep'), current);
    new Tabs(byId('view-run').parentElement!.querySelector('.tabs')!, (id) => {
      if (id === 'view-compare') this.compare.shown();
      if (id === 'view-sweep') this.sweep.shown();
    });
    new StoresPanel(byId('view-stores'), byId('tab-stores'));
    this.showSpeed();
    this.pickModel();
  }

  /** The scenario as the form has it now, for the compare and sweep views. */
  private currentRun(): { model: ModelDefinition; doc: unknown; file: string; disable: string[]; seed: number } | { problems: Problem[] } {
    const model = this.definition;
    if (!model || !this.preset) return { problems: [{ message: 'pick a scenario first' }] };
    const { doc, problems } = this.form.read(this.preset.file);
    if (problems.length > 0) return { problems };
    return { model, doc, file: this.preset.file, disable: this.mechanisms.disabled(), seed: Math.max(0, Math.floor(Number(this.ui.seed.value) || 0)) };
  }

  private wireLattice(): void {
    const canvas = this.ui.canvas;
    const toCanvas = (e: MouseEvent) => {
      const box = canvas.getBoundingClientRect();
      return { x: ((e.clientX - box.left) / box.width) * canvas.width, y: ((e.clientY - box.top) / box.height) * canvas.height };
    };
    let drag: { x: number; y: number; moved: boolean } | undefined;
    canvas.addEventListener('pointerdown', (e) => {
      drag = { ...toCanvas(e), moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (drag && e.buttons & 1) {
        const p = toCanvas(e);
        if (Math.abs(p.x - drag.x) + Math.abs(p.y - drag.y) > 3 || drag.moved) {
          this.lattice.camera.pan(p.x - drag.x, p.y - drag.y);
          drag = { ...p, moved: true };
          this.hoverTip.hide();
          return;
        }
      }
      this.hover(e);
    });
    canvas.addEventListener('pointerup', (e) => {
      const wasDrag = drag?.moved;
      drag = undefined;
      if (wasDrag) return;
      const hit = this.lattice.cellAt(e.clientX, e.clientY);
      if (!hit || !this.ready) return;
      this.inspected = hit;
      this.send({ type: 'inspect', cell: hit.cell });
    });
    canvas.addEventListener('pointerleave', () => {
      this.hovered = undefined;
      this.hoverTip.hide();
    });
    canvas.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const p = toCanvas(e);
        this.lattice.camera.zoomAt(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
        this.showZoom();
      },
      { passive: false },
    );
    canvas.addEventListener('dblclick', () => {
      this.lattice.camera.reset();
      this.showZoom();
    });
    const centre = () => [canvas.width / 2, canvas.height / 2] as const;
    byId('zoom-in').addEventListener('click', () => {
      this.lattice.camera.zoomAt(2, ...centre());
      this.showZoom();
    });
    byId('zoom-out').addEventListener('click', () => {
      this.lattice.camera.zoomAt(0.5, ...centre());
      this.showZoom();
    });
    byId('zoom-fit').addEventListener('click', () => {
      this.lattice.camera.reset();
      this.showZoom();
    });
  }

  /** Asks the worker about the cell under the pointer, once per cell entered. */
  private hover(e: PointerEvent): void {
    const hit = this.lattice.cellAt(e.clientX, e.clientY);
    if (!hit || !this.ready) {
      this.hovered = undefined;
      this.hoverTip.hide();
      return;
    }
    const same = this.hovered?.cell === hit.cell;
    this.hovered = { ...hit, clientX: e.clientX, clientY: e.clientY };
    if (!same) this.send({ type: 'inspect', cell: hit.cell, hover: true });
  }

  private showZoom(): void {
    const z = this.lattice.camera.zoom;
    this.ui.zoomLevel.textContent = `zoom ${z < 10 ? z.toFixed(1) : z.toFixed(0)}\u00d7`;
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./worker/sim.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    worker.onerror = (e) => this.showProblems([{ message: `the simulation worker failed: ${e.message}` }]);
    return worker;
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private get definition(): ModelDefinition | undefined {
    return models.find((m) => m.id === this.ui.model.value);
  }

  private pickModel(): void {
    const id = this.ui.model.value;
    this.ui.preset.replaceChildren(...this.presets.filter((p) => id === p.modelId).map((p) => new Option(p.title, p.file)));
    this.mechanisms.show(this.definition?.mechanisms ?? []);
    const adapter = this.definition?.viewAdapter;
    if (adapter?.palette) this.lattice.setPalette(adapter.palette, adapter.legend ?? []);
    this.pickPreset();
  }

  private pickPreset(): void {
    const model = this.definition;
    this.preset = this.presets.find((p) => p.file === this.ui.preset.value);
    if (!model || !this.preset) return;
    try {
      // The same parsing as the CLI; its output (defaults filled in) is what the form shows.
      const valid = parseScenarioText(this.preset.text, this.preset.file);
      const notes = Object.fromEntries((model.mechanisms ?? []).map((m) => [`mechanisms.${m.id}`, `${m.name}: ${m.description}`]));
      this.form.render(scenarioJsonSchema(model), valid.scenario as Record<string, unknown>, notes);
      this.wireLiveFields(model);
      this.showProblems([]);
      const description = (valid.scenario as { description?: unknown }).description;
      this.ui.status.textContent = typeof description === 'string' ? description : '';
    } catch (err) {
      this.showProblems(isUserError(err) ? err.problems : [{ message: String(err) }]);
    }
    this.compare.modelChanged();
    this.sweep.modelChanged();
    this.setup();
  }

  private setup(): void {
    if (!this.preset) return;
    const file = this.preset.file;
    const { doc, problems } = this.form.read(file);
    if (problems.length > 0) {
      this.showProblems(problems);
      return;
    }
    // A setup still building (a large population) would hold the worker for as long as it takes:
    // the newer request replaces it instead of queueing behind it.
    if (this.settingUp) {
      this.worker.terminate();
      this.worker = this.startWorker();
    }
    this.settingUp = true;
    this.running = false;
    this.ready = false;
    this.runSeed = Math.max(0, Math.floor(Number(this.ui.seed.value) || 0));
    this.ui.seed.value = String(this.runSeed);
    const disable = this.mechanisms.disabled();
    this.lastRun = { doc, file, disable };
    this.send({ type: 'setup', doc, file, seed: this.runSeed, disable });
    this.refreshButtons();
  }

  /**
   * Parameters the model names as live also change a run in progress, from its next step, like
   * NetLogo's sliders; the change is kept as a schedule entry of the saved scenario.
   */
  private wireLiveFields(model: ModelDefinition): void {
    byId('live-hint').hidden = model.liveParameters.length === 0;
    for (const { path: param } of model.liveParameters) {
      const field = document.querySelector<HTMLElement>(`#params .field[data-path="${param}"]`);
      const input = field?.querySelector<HTMLInputElement>('input[type="number"]');
      if (!field || !input) continue;
      field.classList.add('live');
      field.title += '\nchanges a running model from its next step';
      field.addEventListener('change', () => {
        const value = Number(input.value);
        if (!this.ready || this.done || input.value === '' || !Number.isFinite(value)) return;
        this.send({ type: 'change', param, value });
      });
    }
  }

  private go(): void {
    if (!this.ready || this.done) return;
    this.running = true;
    this.meter.reset();
    this.send({ type: 'go', rate: this.rate() });
    this.refreshButtons();
  }

  private rate(): number {
    return SPEEDS[Number(this.ui.speed.value)] ?? Infinity;
  }

  private showSpeed(): void {
    this.ui.speedLabel.value = speedLabel(this.rate());
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        this.settingUp = false;
        this.store.reset(msg);
        this.chart.reset(this.store, this.definition);
        this.regions.reset(this.store);
        this.regionMap.reset(this.store, this.definition?.defaultSeries ?? []);
        this.lattice.clear();
        this.inspector.clear();
        this.ui.changes.replaceChildren();
        this.network.reset();
        byId('network-box').hidden = !this.definition?.viewAdapter?.network;
        this.ready = true;
        this.done = false;
        this.showProblems([]);
        this.ui.csvGroups.hidden = msg.groupColumns.length === 0;
        this.ui.speed.value = String(this.speeds.get(msg.modelId) ?? defaultSpeedIndex(msg.maxSteps));
        this.showSpeed();
        break;
      case 'batch':
        this.takeBatch(msg);
        break;
      case 'refused':
        this.showProblems(msg.problems);
        break;
      case 'inspected':
        if (msg.hover) {
          if (this.hovered?.cell === msg.cell) this.hoverTip.show(this.hovered.clientX, this.hovered.clientY, this.hovered.x, this.hovered.y, msg.agents);
        } else if (this.inspected) this.inspector.show(this.inspected.x, this.inspected.y, msg.step, msg.agents);
        break;
      case 'network':
        if (msg.sample) this.network.show(msg.step, msg.sample);
        break;
      case 'failed':
        this.settingUp = false;
        this.running = false;
        this.ready = false;
        this.showProblems(msg.problems.length > 0 ? msg.problems : [{ message: msg.message }]);
        break;
    }
    this.refreshButtons();
  }

  private takeBatch(batch: BatchMessage): void {
    if (!this.ready) return;
    const started = performance.now();
    this.store.add(batch);
    if (batch.changes.length > 0 && this.lastRun) {
      this.lastRun.doc = withJumps(this.lastRun.doc, batch.changes);
      this.showProblems([]);
      for (const c of batch.changes) this.markChange(c);
    }
    this.running = batch.running;
    this.done = batch.done;
    this.chart.update(this.store);
    this.regions.update(this.store);
    this.regionMap.update();
    this.ui.latticeBox.hidden = !batch.lattice;
    byId('region-map').hidden = this.store.groupColumns.length === 0;
    if (batch.lattice) {
      this.lattice.show(batch.lattice);
      this.ui.gridSize.textContent = `grid ${batch.lattice.width} \u00d7 ${batch.lattice.height}`;
      if (!this.ui.zoomLevel.textContent) this.showZoom();
    } else this.ui.gridSize.textContent = '';
    const step = this.store.lastStep;
    this.meter.mark(batch.time, step);
    this.ui.stepCount.textContent = `step ${step} of ${this.store.maxSteps}${this.done ? ' (done)' : ''}`;
    const perSecond = this.running ? this.meter.perSecond() : undefined;
    this.ui.rate.textContent = perSecond === undefined ? '' : `${perSecond.toFixed(0)} steps/s`;
    this.summarise(!this.running);
    // The network while running: a fresh sample every two seconds, and one when the run stops.
    if (this.definition?.viewAdapter?.network && (!this.running || performance.now() - this.networkAt > 2000)) this.askNetwork();
    measure('batch', started);
  }

  private askNetwork(): void {
    this.networkAt = performance.now();
    const size = Math.min(400, Math.max(10, Math.round(Number(byId<HTMLInputElement>('network-size').value) || 150)));
    this.send({ type: 'network', size });
  }

  private markChange(change: LiveChange): void {
    this.chart.markChange(change, this.store.columns);
    const li = document.createElement('li');
    li.textContent = `step ${change.at}: ${change.param} set to ${change.value}`;
    this.ui.changes.append(li);
  }

  /** The aria-live summary: the default series' latest values, at most every two seconds while running. */
  private summarise(now: boolean): void {
    const t = performance.now();
    if (!now && t - this.summaryAt < 2000) return;
    this.summaryAt = t;
    const row = this.store.rows[this.store.rows.length - 1];
    if (!row) return;
    const shown = this.definition?.defaultSeries ?? [];
    const parts = this.store.columns.flatMap((c, i) => (shown.includes(c.name) ? [`${c.name.replace(/_/g, ' ')} ${count(row[i])}`] : []));
    const unit = this.definition?.clock.unit ?? 'step';
    this.ui.summary.textContent = `${unit} ${this.store.lastStep} of ${this.store.maxSteps}: ${parts.join(', ')}`;
    const frame = this.lattice.frame;
    if (frame) {
      const counts = this.lattice.counts().filter((c) => c.count > 0).map((c) => `${c.label} ${c.count}`);
      this.ui.canvas.setAttribute('aria-label', `Lattice of ${frame.width} by ${frame.height} cells at step ${this.store.lastStep}: ${counts.join(', ')}`);
    }
  }

  private refreshButtons(): void {
    this.ui.step.disabled = !this.ready || this.running || this.done;
    this.ui.go.disabled = !this.ready || this.running || this.done;
    this.ui.pause.disabled = !this.running;
    this.ui.csv.disabled = this.store.rows.length === 0;
  }

  private showProblems(problems: readonly Problem[]): void {
    this.ui.problems.replaceChildren(
      ...problems.map((p) => {
        const li = document.createElement('li');
        li.textContent = formatProblem(p);
        return li;
      }),
    );
    this.form.mark(problems);
  }

  private fileStem(): string {
    const base = (this.preset?.file ?? 'scenario').split('/').pop()!.replace(/\.yaml$/, '');
    return `${base}-seed${this.runSeed}`;
  }

  private downloadSeries(): void {
    downloadText(`${this.fileStem()}.csv`, seriesCsv(this.store.columns, this.store.firstStep, this.store.rows));
  }

  private downloadScenario(): void {
    if (!this.lastRun) return;
    const name = `${this.fileStem()}.yaml`;
    const command = [`powderkeg run ${name} --seed ${this.runSeed}`, ...this.lastRun.disable.map((id) => `--disable ${id}`)].join(' ');
    const header = `# Saved from the powderkeg workbench (from ${this.lastRun.file}); the same run:\n#   ${command}\n`;
    downloadText(name, header + YAML.stringify(this.lastRun.doc, { lineWidth: 0 }), 'application/yaml');
  }

  private downloadGroups(): void {
    downloadText(`${this.fileStem()}-groups.csv`, groupedCsv(this.store.groupColumns, this.store.firstStep, this.store.groups));
  }
}
