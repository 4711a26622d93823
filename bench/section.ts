import type { Table } from './table.js';

/** Shared settings of one `npm run bench` invocation. */
export interface BenchContext {
  /** Few steps and one round: checks that a section works, not how fast it is. */
  readonly quick: boolean;
  /** Repetitions of each measurement (interleaved between implementations); the median is reported. */
  readonly rounds: number;
  /** Repository root, where bench/, scenarios/ and dist/ live. */
  readonly root: string;
  /** A temporary directory for this invocation (compiled reference, scratch files); removed at the end. */
  readonly tmpDir: string;
  /** Progress on stderr, so stdout stays the table or the JSON. */
  log(message: string): void;
}

/**
 * One part of the bench. Add a section as its own module in bench/sections/ and list it in
 * bench/sections/index.ts; it returns a table and never throws for a missing optional piece
 * (it returns `unavailable(...)` instead).
 */
export interface Section {
  readonly name: string;
  run(ctx: BenchContext): Promise<Table>;
}
