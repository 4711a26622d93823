import type { Cell, SteppableModel } from '../../../src/engine/model.js';
import type { ModelDefinition } from '../../../src/models/types.js';
import type { InspectedAgent, NetworkSample } from '../../../src/models/view-adapter.js';
import { isUserError, UserError } from '../../../src/scenario/errors.js';
import { validateScenarioDocument } from '../../../src/scenario/validate.js';
import type { BatchMessage, LiveChange, ReadyMessage } from '../protocol.js';
import { withJumps } from './live-changes.js';

/**
 * One run as the worker holds it: the model, built exactly as the CLI builds it (the same
 * validation, the same `create`), and the rows observed since the last batch was taken.
 * Free of any worker API so that it can be checked in Node as well.
 */
export class Session {
  model: SteppableModel;
  readonly definition: ModelDefinition;
  readonly maxSteps: number;
  private rows: Cell[][] = [];
  private groups: Cell[][][] = [];
  private firstStep = 0;
  /** The scenario document, with the live changes made so far in its schedule. */
  private doc: Record<string, unknown>;
  private pending: { param: string; value: number }[] = [];
  private applied: LiveChange[] = [];

  /** Throws the scenario layer's UserError when the document is not a valid scenario. */
  constructor(
    doc: unknown,
    private readonly file: string,
    private readonly seed: number,
    private readonly disable: readonly string[],
  ) {
    const valid = validateScenarioDocument(doc, file);
    this.doc = structuredClone(doc) as Record<string, unknown>;
    this.definition = valid.model;
    this.model = valid.model.create(valid.scenario, seed, { disable });
    this.maxSteps = valid.model.defaultSteps(valid.scenario);
    this.observe();
  }

  /**
   * Changes a parameter from the next step on, as a schedule entry `at` that step would. Throws
   * a UserError when the model cannot change it or the scenario would become invalid.
   */
  change(param: string, value: number): void {
    if (!this.definition.liveParameters.some((p) => p.path === param)) {
      throw new UserError({ file: this.file, path: param, message: 'this parameter cannot change during a run; press setup to use it' });
    }
    const trial = withJumps(this.doc, [...this.pending, { param, value }].map((c) => ({ ...c, at: this.model.stepCount + 1 })));
    try {
      validateScenarioDocument(trial, this.file);
    } catch (err) {
      if (!isUserError(err)) throw err;
      // The user changed a field, not a schedule entry: name the field.
      throw new UserError(err.problems.map((p) => ({ file: this.file, path: param, message: p.message })));
    }
    this.pending.push({ param, value });
  }

  ready(): ReadyMessage {
    return {
      type: 'ready',
      modelId: this.definition.id,
      columns: [...this.model.columns],
      groupColumns: [...(this.model.groupColumns ?? [])],
      maxSteps: this.maxSteps,
    };
  }

  get done(): boolean {
    return this.model.stepCount >= this.maxSteps || (this.model.finished?.() ?? false);
  }

  /** Advances one step unless done; returns whether it stepped. */
  step(): boolean {
    if (this.done) return false;
    this.model.step();
    if (this.pending.length > 0) this.applyPending();
    this.observe();
    return true;
  }

  /** Right after the step's own schedule, before the step is observed: where `at` applies. */
  private applyPending(): void {
    const at = this.model.stepCount;
    const jumps = this.pending.map((c) => ({ ...c, at }));
    this.pending = [];
    this.doc = withJumps(this.doc, jumps);
    this.applied.push(...jumps);
    if (this.definition.viewAdapter?.applyLive?.(this.model, jumps)) return;
    const valid = validateScenarioDocument(this.doc, this.file);
    const model = valid.model.create(valid.scenario, this.seed, { disable: this.disable });
    while (model.stepCount < at) model.step();
    this.model = model;
  }

  /** The rows since the last call, with the lattice as it stands now. */
  takeBatch(running: boolean, time: number): BatchMessage {
    const batch: BatchMessage = {
      type: 'batch',
      firstStep: this.firstStep,
      rows: this.rows,
      groups: this.groups,
      running,
      done: this.done,
      changes: this.applied,
      time,
    };
    this.applied = [];
    const lattice = this.definition.viewAdapter?.lattice;
    if (lattice) batch.lattice = lattice(this.model);
    this.rows = [];
    this.groups = [];
    this.firstStep = this.model.stepCount + 1;
    return batch;
  }

  /** The agents on a lattice cell; none for models without a lattice. */
  inspect(cell: number): InspectedAgent[] {
    return this.definition.viewAdapter?.inspect?.(this.model, cell) ?? [];
  }

  /** A sample of agents and their ties, for models that have a network. */
  network(size: number): NetworkSample | null {
    return this.definition.viewAdapter?.network?.(this.model, size) ?? null;
  }

  private observe(): void {
    const row: Cell[] = new Array(this.model.columns.length);
    this.model.observe(row);
    if (this.rows.length === 0) this.firstStep = this.model.stepCount;
    this.rows.push(row);
    if (this.model.observeGroups) {
      const rows: Cell[][] = [];
      this.model.observeGroups((r) => rows.push([...r]));
      this.groups.push(rows);
    }
  }
}
