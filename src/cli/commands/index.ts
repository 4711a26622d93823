/**
 * The command table. To add a command, write `./my-command.ts` exporting
 * `register(program: Command)` (as the others do) and add ONE line below:
 *
 *     { name: 'my-command', summary: 'what it does', load: () => import('./my-command.js') },
 *
 * `summary` is what `powderkeg --help` lists; keep it equal to the `.description(...)` the
 * command's own file sets (test/cli/command-table.test.ts checks that). Nothing here imports a
 * command's module: `main` loads only the module of the command being run, so `--version`,
 * `--help` and `validate` never pay for DuckDB, ECharts, resvg, BullMQ/ioredis or piscina.
 */
import type { Command } from 'commander';

export type Register = (program: Command) => void;

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<{ register: Register }>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'run', summary: 'run one simulation of a scenario', load: () => import('./run.js') },
  { name: 'validate', summary: 'check a scenario file without running it', load: () => import('./validate.js') },
  { name: 'schema', summary: "write the JSON Schema of every model's scenario files (for editors)", load: () => import('./schema.js') },
  { name: 'outbursts', summary: "Epstein's outburst statistics of a recorded series (e.g. from run --out)", load: () => import('./outbursts.js') },
  { name: 'experiment', summary: 'run an experiment (ensemble, sweep, sensitivity, calibration, backtest, discovery) into a DuckDB store', load: () => import('./experiment.js') },
  { name: 'export', summary: "write an experiment store's tables as Parquet or CSV files", load: () => import('./export.js') },
  { name: 'stationarity', summary: 'runs replicates of a scenario and tests whether every stock stays level (exit 0 only if all do), e.g. without its shock', load: () => import('./stationarity.js') },
  { name: 'targets', summary: 'runs replicates of a scenario and checks its calibration targets (exit 0 only if all hold)', load: () => import('./targets.js') },
  { name: 'report', summary: 'writes a self-contained HTML report (charts inline, no network needed) of an experiment store', load: () => import('./report.js') },
  { name: 'worker', summary: 'run the experiments submitted with --executor redis, on this machine (see docs/distributed.md)', load: () => import('./worker.js') },
  { name: 'backtest', summary: 'scores scenarios against observed figures (CSV indicator,time,value,low,high,note): 90 % interval coverage, CRPS, skill against persistence and trend', load: () => import('./backtest.js') },
  { name: 'merge', summary: 'put the shard stores of one experiment (powderkeg experiment --shard i/N) together into one store, then run its analyses', load: () => import('./merge.js') },
  { name: 'serve', summary: 'serves the workbench and an API over the experiment stores in a folder (docs/serve.md)', load: () => import('./serve.js') },
  { name: 'migrate', summary: "upgrade an experiment store made by an older powderkeg to this version's schema, in place", load: () => import('./migrate.js') },
];
