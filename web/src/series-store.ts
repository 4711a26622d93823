import type { Cell, Column } from '../../src/engine/model.js';
import type { BatchMessage, ReadyMessage } from './protocol.js';

/** Every row of the current run, as the worker sent them; what the chart, table and CSV read. */
export class SeriesStore {
  columns: Column[] = [];
  groupColumns: Column[] = [];
  modelId = '';
  maxSteps = 0;
  /** Step of rows[0] (0 after setup). */
  firstStep = 0;
  readonly rows: Cell[][] = [];
  readonly groups: Cell[][][] = [];

  reset(ready: ReadyMessage): void {
    this.columns = ready.columns;
    this.groupColumns = ready.groupColumns;
    this.modelId = ready.modelId;
    this.maxSteps = ready.maxSteps;
    this.firstStep = 0;
    this.rows.length = 0;
    this.groups.length = 0;
  }

  add(batch: BatchMessage): void {
    if (this.rows.length === 0) this.firstStep = batch.firstStep;
    for (const row of batch.rows) this.rows.push(row);
    for (const g of batch.groups) this.groups.push(g);
  }

  get lastStep(): number {
    return this.firstStep + this.rows.length - 1;
  }

  /** Index of a column by name, -1 when absent. */
  column(name: string): number {
    return this.columns.findIndex((c) => c.name === name);
  }
}
