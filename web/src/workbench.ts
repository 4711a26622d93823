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
import type { BatchMessage, FromWorker, ToWorker } from './protocol.js';
import { SeriesStore } from './series-store.js';
import { RateMeter, SPEEDS, speedLabel } from './speed.js';
import { AgentInspector } from './views/agent-inspector.js';
import { LatticeView } from './views/lattice-view.js';
import { MechanismSwitches } from './views/mechanism-switches.js';
import { RegionTable } from './views/region-table.js';
import { SeriesChart } from './views/series-chart.js';
import { liveParameters, withJumps } from './worker/live-changes.js';

const byId = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

/** The page: picks a scenario, edits it, drives the worker and shows what it sends back. */
export class Workbench {
  private readonly presets = bundledPresets();
  private readonly store = new SeriesStore();
  private readonly form = new SchemaForm(byId<HTMLFormElement>('params'));
  private readonly lattice = new LatticeView(byId<HTMLCanvasElement>('lattice'), byId('legend'));
  private readonly chart = new SeriesChart(byId('chart'));
  private readonly regions = new RegionTable(byId('regions'));
  private readonly mechanisms = new MechanismSwitches(byId('mechanisms'));
  private readonly meter = new RateMeter();
  private readonly inspector = new AgentInspector(byId('inspector'));
  /** The cell last clicked, to label the worker's answer. */
  private inspected: { x: number; y: number } | undefined;
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
    problems: byId<HTMLUListElement>('problems'),
    latticeBox: byId('lattice-box'),
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
  /** What the last setup ran, to save as a scenario file. */
  private lastRun: { doc: unknown; file: string; disable: string[] } | undefined;

  constructor() {
    this.worker = this.startWorker();
    const offered = models.filter((m) => this.presets.some((p) => p.modelId === m.id));
    for (const m of offered) this.ui.model.add(new Option(m.title, m.id));
    this.ui.model.addEventListener('change', () => this.pickModel());
    this.ui.preset.addEventListener('change', () => this.pickPreset());
    byId('reload').addEventListener('click', () => this.pickPreset());
    this.ui.setup.addEventListener('click', () => this.setup());
    this.ui.step.addEventListener('click', () => this.send({ type: 'step' }));
    this.ui.go.addEventListener('click', () => this.go());
    this.ui.pause.addEventListener('click', () => this.send({ type: 'pause' }));
    this.ui.speed.addEventListener('input', () => {
      this.showSpeed();
      if (this.running) this.send({ type: 'speed', rate: this.rate() });
    });
    byId('lattice').addEventListener('click', (e) => {
      const hit = this.lattice.cellAt(e.clientX, e.clientY);
      if (!hit || !this.ready) return;
      this.inspected = hit;
      this.send({ type: 'inspect', cell: hit.cell });
    });
    const log = byId<HTMLInputElement>('log-scale');
    log.addEventListener('change', () => this.chart.setLogScale(log.checked));
    this.ui.csv.addEventListener('click', () => this.downloadSeries());
    this.ui.csvGroups.addEventListener('click', () => this.downloadGroups());
    byId('scenario-file').addEventListener('click', () => this.downloadScenario());
    this.showSpeed();
    this.pickModel();
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
    this.ui.preset.replaceChildren(...this.presets.filter((p) => p.modelId === id).map((p) => new Option(p.title, p.file)));
    this.mechanisms.show(this.definition?.mechanisms ?? []);
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
      this.wireLiveFields(model.id);
      this.showProblems([]);
      const description = (valid.scenario as { description?: unknown }).description;
      this.ui.status.textContent = typeof description === 'string' ? description : '';
    } catch (err) {
      this.showProblems(isUserError(err) ? err.problems : [{ message: String(err) }]);
    }
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
   * Parameters the model's schedule can change also change a run in progress, from its next
   * step, like NetLogo's sliders; the change is kept as a schedule entry of the saved scenario.
   */
  private wireLiveFields(modelId: string): void {
    byId('live-hint').hidden = liveParameters(modelId).length === 0;
    for (const param of liveParameters(modelId)) {
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
        this.chart.reset(this.store);
        this.regions.reset(this.store);
        this.lattice.clear();
        this.inspector.clear();
        this.ready = true;
        this.done = false;
        this.showProblems([]);
        this.ui.csvGroups.hidden = msg.groupColumns.length === 0;
        break;
      case 'batch':
        this.takeBatch(msg);
        break;
      case 'refused':
        this.showProblems(msg.problems);
        break;
      case 'inspected':
        if (this.inspected) this.inspector.show(this.inspected.x, this.inspected.y, msg.step, msg.agents);
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
    this.store.add(batch);
    if (batch.changes.length > 0 && this.lastRun) {
      this.lastRun.doc = withJumps(this.lastRun.doc, batch.changes);
      this.showProblems([]);
    }
    this.running = batch.running;
    this.done = batch.done;
    this.chart.update(this.store);
    this.regions.update(this.store);
    this.ui.latticeBox.hidden = !batch.lattice;
    if (batch.lattice) this.lattice.show(batch.lattice);
    const step = this.store.lastStep;
    this.meter.mark(performance.now(), step);
    this.ui.stepCount.textContent = `step ${step} of ${this.store.maxSteps}${this.done ? ' (done)' : ''}`;
    const perSecond = this.running ? this.meter.perSecond() : undefined;
    this.ui.rate.textContent = perSecond === undefined ? '' : `${perSecond.toFixed(0)} steps/s`;
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
