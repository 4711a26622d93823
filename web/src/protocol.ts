import type { Cell, Column } from '../../src/engine/model.js';
import type { Problem } from '../../src/scenario/errors.js';

/** Messages between the page and the simulation worker. Everything here survives structured cloning. */

export type ToWorker =
  | { type: 'setup'; doc: unknown; file: string; seed: number; disable: string[] }
  | { type: 'step' }
  | { type: 'go'; rate: number }
  | { type: 'speed'; rate: number }
  | { type: 'pause' }
  | { type: 'inspect'; cell: number }
  /** Takes effect from the next step, recorded as a schedule entry of the scenario. */
  | { type: 'change'; param: string; value: number };

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
  /** Parameter changes made during the run in these steps, as schedule entries. */
  changes: { param: string; at: number; value: number }[];
  /** True when the step limit or an absorbing state is reached. */
  done: boolean;
}

/** One agent of an inspected cell; citizen fields are absent for cops. */
export interface AgentReport {
  readonly id: number;
  readonly kind: 'citizen' | 'cop';
  readonly state?: 'quiet' | 'active' | 'jailed';
  readonly group?: 'blue' | 'green';
  readonly hardship?: number;
  readonly riskAversion?: number;
  readonly grievance?: number;
  /** The arrest probability P the citizen estimates from what it sees now. */
  readonly arrestProbability?: number;
  /** R P. */
  readonly netRisk?: number;
  readonly threshold?: number;
  readonly jailTerm?: number;
}

export type FromWorker =
  | ReadyMessage
  | BatchMessage
  | { type: 'inspected'; cell: number; step: number; agents: AgentReport[] }
  | { type: 'failed'; message: string; problems: Problem[] }
  /** A change during the run was refused; the run goes on unchanged. */
  | { type: 'refused'; problems: Problem[] };
