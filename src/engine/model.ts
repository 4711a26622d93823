/**
 * What the engine needs of any model: advance one step and report its indicators. A model
 * built on the engine exposes this; the engine, the recorders and the experiment layer see
 * nothing else of it.
 */

export type ColumnType = 'int' | 'float' | 'string';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** Unit of the indicator, shown in reports (e.g. "agents", "people", "share"). */
  readonly unit?: string;
}

export type Cell = number | string;

export interface SteppableModel {
  /** Steps completed so far (0 before the first step). */
  readonly stepCount: number;
  /** Advances the model by one step (one iteration, one week...). */
  step(): void;
  /** The indicators of the national/global series, in a fixed order. */
  readonly columns: readonly Column[];
  /** Writes the current value of every column into `row` (same order as `columns`). */
  observe(row: Cell[]): void;
  /**
   * Optional grouped series (e.g. per region): columns of one group row, and one row per group.
   * The recorder prefixes each row with the step.
   */
  readonly groupColumns?: readonly Column[];
  observeGroups?(emit: (row: Cell[]) => void): void;
  /** True when the model has reached an absorbing state and further steps change nothing. */
  finished?(): boolean;
}
