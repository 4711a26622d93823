import type { Cell, SteppableModel } from '../../../src/engine/model.js';
import { CivilViolenceModel } from '../../../src/models/civil-violence/model.js';
import type { ModelDefinition } from '../../../src/models/types.js';
import { validateScenarioDocument } from '../../../src/scenario/validate.js';
import type { AgentReport, BatchMessage, ReadyMessage } from '../protocol.js';
import { inspectCell } from './inspect.js';
import { encodeLattice } from './lattice-encoder.js';

/**
 * One run as the worker holds it: the model, built exactly as the CLI builds it (the same
 * validation, the same `create`), and the rows observed since the last batch was taken.
 * Free of any worker API so that it can be checked in Node as well.
 */
export class Session {
  readonly model: SteppableModel;
  readonly definition: ModelDefinition;
  readonly maxSteps: number;
  private rows: Cell[][] = [];
  private groups: Cell[][][] = [];
  private firstStep = 0;

  /** Throws the scenario layer's UserError when the document is not a valid scenario. */
  constructor(doc: unknown, file: string, seed: number, disable: readonly string[]) {
    const valid = validateScenarioDocument(doc, file);
    this.definition = valid.model;
    this.model = valid.model.create(valid.scenario, seed, { disable });
    this.maxSteps = valid.model.defaultSteps(valid.scenario);
    this.observe();
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
    this.observe();
    return true;
  }

  /** The rows since the last call, with the lattice as it stands now. */
  takeBatch(running: boolean): BatchMessage {
    const batch: BatchMessage = {
      type: 'batch',
      firstStep: this.firstStep,
      rows: this.rows,
      groups: this.groups,
      running,
      done: this.done,
    };
    if (this.model instanceof CivilViolenceModel) batch.lattice = encodeLattice(this.model);
    this.rows = [];
    this.groups = [];
    this.firstStep = this.model.stepCount + 1;
    return batch;
  }

  /** The agents on a lattice cell; none for models without a lattice. */
  inspect(cell: number): AgentReport[] {
    return this.model instanceof CivilViolenceModel ? inspectCell(this.model, cell) : [];
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
