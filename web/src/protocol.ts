import type { Cell, Column } from '../../src/engine/model.js';
import type { Problem } from '../../src/scenario/errors.js';

/** Messages between the page and the simulation worker. Everything here survives structured cloning. */

export type ToWorker =
  | { type: 'setup'; doc: unknown; file: string; seed: number; disable: string[] }
  | { type: 'step' }
  | { type: 'go'; rate: number }
  | { type: 'speed'; rate: number }
  | { type: 'pause' };

/** One frame of the lattice: a cell code per cell (see lattice-palette.ts), row-major. */
export interface LatticeFrame {
  readonly width: number;
  readonly height: number;
  readonly cells: Uint8Array;
}

export interface ReadyMessage {
  type: 'ready';
  modelId: string;
  columns: Column[];
  groupColumns: Column[];
  /** The step limit `go` stops at (the scenario's own run length). */
  maxSteps: number;
}

export interface BatchMessage {
  type: 'batch';
  /** Step of the first row; rows follow one per step. */
  firstStep: number;
  rows: Cell[][];
  /** Grouped rows (e.g. regions) of each step in `rows`, same order. */
  groups: Cell[][][];
  /** The lattice after the last row, for models that have one. */
  lattice?: LatticeFrame;
  running: boolean;
  /** True when the step limit or an absorbing state is reached. */
  done: boolean;
}

export type FromWorker =
  | ReadyMessage
  | BatchMessage
  | { type: 'failed'; message: string; problems: Problem[] };
