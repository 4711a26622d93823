/** What one timed run of Epstein's Model I reports, from the C reference or the TypeScript model. */
export interface EpsteinRun {
  readonly width: number;
  readonly height: number;
  readonly steps: number;
  readonly seed: number;
  readonly agents: number;
  /** Time spent in steps only (setup excluded), seconds. */
  readonly seconds: number;
  /** CPU time of the process in steps, seconds (for Node: all its threads, GC helpers included). */
  readonly cpuSeconds: number;
  /** Agent turns per second; a jailed citizen's turn counts too. */
  readonly updatesPerSecond: number;
  /** Agent turns per CPU second: what compares fairly when other processes share the cores. */
  readonly updatesPerCpuSecond: number;
  readonly final: { readonly quiet: number; readonly active: number; readonly jailed: number };
  /** Mean over the steps of the active and jailed counts: the sanity check between implementations. */
  readonly mean: { readonly active: number; readonly jailed: number };
  /** The paper's outburst statistics over the run (bench/outbursts.ts, bench/reference/epstein.c). */
  readonly outbursts?: { readonly count: number; readonly meanWait: number; readonly meanActivation: number };
  /** C: bytes the reference allocated for its state. */
  readonly stateBytes?: number;
  /** TypeScript: growth of V8 heap + ArrayBuffers once the model is built and has run, bytes. */
  readonly modelBytes?: number;
}

/** Run 2's densities: agents on a W x H grid, as both implementations count them. */
export function agentsOn(width: number, height: number): number {
  const cells = width * height;
  return Math.floor(0.7 * cells) + Math.floor(0.04 * cells);
}
