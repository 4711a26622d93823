import type { SteppableModel } from '../engine/model.js';

/**
 * What the workbench's spatial views read from a running model. A model package implements the
 * parts its `view` needs, so that the page draws and inspects any model without knowing it.
 * Plain data only (no DOM): it runs in a Web Worker and its results are structured-cloned.
 */

export type Rgb = readonly [number, number, number];

/** One frame of a lattice: one code per cell, row-major; colours come from the adapter's palette. */
export interface LatticeFrame {
  readonly width: number;
  readonly height: number;
  readonly cells: Uint8Array;
}

/** A line of the lattice's legend: the cells whose code lies in [from, to] are counted under it. */
export interface LatticeLegendEntry {
  readonly label: string;
  readonly rgb: Rgb;
  readonly from: number;
  readonly to: number;
  /** Shown with a zero count too (otherwise only when some cell has it). */
  readonly always?: boolean;
}

/** One agent of an inspected cell, described in the model's own terms. */
export interface InspectedAgent {
  readonly id: number;
  /** e.g. "citizen", "cop"; a CSS hook of the inspector. */
  readonly kind: string;
  readonly state?: string;
  /** What to show, first line first. */
  readonly lines: readonly string[];
}

/** A sample of agents and the ties among them, for a network view. */
export interface NetworkSample {
  readonly nodes: readonly { readonly id: number; readonly group: string; readonly state: string }[];
  readonly edges: readonly { readonly a: number; readonly b: number; readonly kind: string }[];
  /** Every state a node may have, in legend order, with its colour. */
  readonly states: readonly { readonly state: string; readonly rgb: Rgb }[];
}

export interface ViewAdapter {
  /** The lattice as it stands now. */
  lattice?(model: SteppableModel): LatticeFrame;
  /** Colour of each of the 256 cell codes. */
  readonly palette?: readonly Rgb[];
  readonly legend?: readonly LatticeLegendEntry[];
  /** The agents on a lattice cell. */
  inspect?(model: SteppableModel, cell: number): InspectedAgent[];
  /**
   * Applies parameter changes to the running model where that is exactly what a schedule entry
   * at this step would do; false when the run must be rebuilt from its scenario and replayed.
   */
  applyLive?(model: SteppableModel, changes: readonly { readonly param: string; readonly value: number }[]): boolean;
  /** Up to `size` agents (chosen by a fixed rule, never by a draw of the run) and their ties. */
  network?(model: SteppableModel, size: number): NetworkSample;
}
