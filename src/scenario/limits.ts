/**
 * Limits on what powderkeg accepts, so that a typo (`steps: 1e12`, `width: 100000`) or a
 * hostile file is refused with a clear message before anything runs or is written, instead of
 * running for days, exhausting memory or crashing with an allocation error. Each is far above
 * any scenario of the papers (Epstein's 40x40 lattice, Kazakhstan's 19 million people at 100
 * per agent) and can be lifted here if a real study needs more.
 */
export const LIMITS = {
  /** Scenario and experiment files (YAML): far more than any hand-written file. */
  inputFileBytes: 4 * 1024 * 1024,
  /** Observed-data CSV files. */
  dataFileBytes: 64 * 1024 * 1024,
  /** Nesting of YAML collections: scenario files nest four or five levels. */
  yamlDepth: 64,
  /** Steps of one run. */
  steps: 10_000_000,
  /** Runs of one experiment. */
  runs: 10_000_000,
  /** Lattice cells of one run. */
  cells: 25_000_000,
  /** Agents of one run. */
  agents: 20_000_000,
  /** Rows of the series table of one experiment. */
  seriesRows: 2_000_000_000,
  /** Estimated memory of one run (model plus its series kept until it is stored). */
  runBytes: 4 * 1024 * 1024 * 1024,
} as const;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export function formatCount(n: number): string {
  return n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : n.toLocaleString('en-US');
}
