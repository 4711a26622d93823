import type { Cell, Column } from '../../src/engine/model.js';
import type { InspectedAgent, LatticeFrame, NetworkSample, Rgb } from '../../src/models/view-adapter.js';
import type { Problem } from '../../src/scenario/errors.js';

export type { InspectedAgent, LatticeFrame, NetworkSample, Rgb };

/** Messages between the page and the simulation worker. Everything here survives structured cloning. */

export type ToWorker =
  | { type: 'setup'; doc: unknown; file: string; seed: number; disable: string[] }
  | { type: 'step' }
  | { type: 'go'; rate: number }
  | { type: 'speed'; rate: number }
  | { type: 'pause' }
  | { type: 'inspect'; cell: number; hover?: boolean }
  | { type: 'network'; size: number }
  /** Takes effect from the next step, recorded as a schedule entry of the scenario. */
  | { type: 'change'; param: string; value: number };

export interface ReadyMessage {
  type: 'ready';
  modelId: string;
  columns: Column[];
  groupColumns: Column[];
  /** The step limit `go` stops at (the scenario's own run length). */
  maxSteps: number;
}

/** A parameter changed during the run, as the schedule entry that repeats it. */
export interface LiveChange {
  readonly param: string;
  readonly at: number;
  readonly value: number;
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
  /** Parameter changes made during the run in these steps, as schedule entries. */
  changes: LiveChange[];
  /** True when the step limit or an absorbing state is reached. */
  done: boolean;
  /** The worker's clock (ms) when the last row was observed: the true pace, whatever the page's lag. */
  time: number;
}

export type FromWorker =
  | ReadyMessage
  | BatchMessage
  | { type: 'inspected'; cell: number; step: number; agents: InspectedAgent[]; hover: boolean }
  | { type: 'network'; step: number; sample: NetworkSample | null }
  | { type: 'failed'; message: string; problems: Problem[] }
  /** A change during the run was refused; the run goes on unchanged. */
  | { type: 'refused'; problems: Problem[] };
