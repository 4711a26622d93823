import type { Cell, Column, SteppableModel } from './model.js';

/**
 * Where recorded rows go. Implementations stream (to a file, a store, a chart); none of them
 * has to keep the run in memory. File sinks live outside the engine because they need Node.
 */
export interface RowSink {
  open(columns: readonly Column[]): void | Promise<void>;
  write(row: readonly Cell[]): void | Promise<void>;
  /** Called once after the last row; commits the output (e.g. renames a temporary file). */
  close(): void | Promise<void>;
  /** Called instead of close when the run fails: remove anything half-written. */
  abort?(): void | Promise<void>;
}

/** Keeps rows in memory: for tests, small runs and the browser. */
export class MemorySink implements RowSink {
  columns: readonly Column[] = [];
  rows: Cell[][] = [];
  open(columns: readonly Column[]): void {
    this.columns = columns;
  }
  write(row: readonly Cell[]): void {
    this.rows.push(row.slice());
  }
  close(): void {}
  /** The values of one column, by name. */
  column(name: string): Cell[] {
    const i = this.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`no column "${name}"; columns are ${this.columns.map((c) => c.name).join(', ')}`);
    return this.rows.map((r) => r[i]);
  }
  numbers(name: string): number[] {
    return this.column(name) as number[];
  }
}

export const STEP_COLUMN: Column = { name: 'step', type: 'int', unit: 'steps' };

/** Records the model's series every `every` steps (step 0 included). */
export class Recorder {
  private readonly row: Cell[];
  private readonly groupRow: Cell[];
  constructor(
    private readonly model: SteppableModel,
    private readonly sink: RowSink | undefined,
    private readonly groupSink: RowSink | undefined = undefined,
    private readonly every = 1,
  ) {
    this.row = new Array(model.columns.length + 1);
    this.groupRow = [];
  }

  async open(): Promise<void> {
    await this.sink?.open([STEP_COLUMN, ...this.model.columns]);
    if (this.groupSink) {
      if (!this.model.groupColumns || !this.model.observeGroups) throw new Error('this model has no grouped series');
      await this.groupSink.open([STEP_COLUMN, ...this.model.groupColumns]);
    }
  }

  async record(force = false): Promise<void> {
    const step = this.model.stepCount;
    if (!force && step % this.every !== 0) return;
    if (this.sink) {
      const values: Cell[] = [];
      this.model.observe(values);
      this.row[0] = step;
      for (let i = 0; i < values.length; i++) this.row[i + 1] = values[i];
      await this.sink.write(this.row);
    }
    if (this.groupSink && this.model.observeGroups) {
      const pending: Cell[][] = [];
      this.model.observeGroups((r) => pending.push([step, ...r]));
      for (const r of pending) await this.groupSink.write(r);
    }
    void this.groupRow;
  }

  async close(): Promise<void> {
    await this.sink?.close();
    await this.groupSink?.close();
  }

  async abort(): Promise<void> {
    await this.sink?.abort?.();
    await this.groupSink?.abort?.();
  }
}
