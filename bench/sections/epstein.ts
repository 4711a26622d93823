import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lastJsonLine, runChild } from '../child.js';
import { agentsOn, type EpsteinRun } from '../epstein-run.js';
import { buildReference } from '../reference-build.js';
import type { BenchContext, Section } from '../section.js';
import { median } from '../stats.js';
import type { Check, Table, TableColumn, Value } from '../table.js';

/** Step counts give roughly 12 million agent-updates per run, so each run takes about a second. */
const SIZES = [
  { side: 40, steps: 10_000, quickSteps: 50 },
  // 100 quick steps: enough for the mean counts to settle within a few per cent (the test compares them).
  { side: 200, steps: 400, quickSteps: 100 },
  { side: 1000, steps: 16, quickSteps: 0 },
] as const;

/** The goal (issue 11): the TypeScript model within 10 % of C at every size, steps only and whole process. */
const TARGET_RATIO = 0.9;
/** Bytes per agent, TS over C. */
const TARGET_BYTES_RATIO = 1.2;

/** Whole `powderkeg run` processes against whole C processes: start-up, setup and steps. */
const WHOLE = [
  { side: 200, steps: 3000, quickSteps: 100 },
  { side: 1000, steps: 40, quickSteps: 0 },
] as const;

/** A run takes seconds; one that takes this long is stuck (a bug or an overloaded machine). */
const RUN_TIMEOUT_MS = 5 * 60_000;
const MIB = 1024 * 1024;
const fixed = (digits: number) => (v: Value) => (typeof v === 'number' ? v.toFixed(digits) : String(v));
const mega = (v: Value) => (typeof v === 'number' ? `${(v / 1e6).toFixed(2)}M` : String(v));
const mebi = (v: Value) => (typeof v === 'number' ? (v / MIB).toFixed(1) : String(v));

const COLUMNS: readonly TableColumn[] = [
  { key: 'size', label: 'size' },
  { key: 'agents', label: 'agents' },
  { key: 'steps', label: 'steps' },
  { key: 'tsUpdatesPerSecond', label: 'TS upd/s', format: mega },
  { key: 'cUpdatesPerSecond', label: 'C upd/s', format: mega },
  { key: 'wallRatio', label: 'TS/C wall', format: fixed(2) },
  { key: 'tsUpdatesPerCpuSecond', label: 'TS upd/cpu-s', format: mega },
  { key: 'cUpdatesPerCpuSecond', label: 'C upd/cpu-s', format: mega },
  { key: 'ratio', label: 'TS/C cpu', format: fixed(2) },
  { key: 'tsBytesPerAgent', label: 'TS B/agent', format: fixed(1) },
  { key: 'cBytesPerAgent', label: 'C B/agent', format: fixed(1) },
  { key: 'tsPeakRss', label: 'TS peak MiB', format: mebi },
  { key: 'cPeakRss', label: 'C peak MiB', format: mebi },
  { key: 'tsWholeSeconds', label: 'TS run s', format: fixed(2) },
  { key: 'cWholeSeconds', label: 'C run s', format: fixed(2) },
  { key: 'wholeRatio', label: 'TS/C run', format: fixed(2) },
  { key: 'wholeCpuRatio', label: 'TS/C run cpu', format: fixed(2) },
  { key: 'tsMeanActive', label: 'TS act', format: fixed(1) },
  { key: 'cMeanActive', label: 'C act', format: fixed(1) },
  { key: 'tsMeanJailed', label: 'TS jail', format: fixed(1) },
  { key: 'cMeanJailed', label: 'C jail', format: fixed(1) },
];

interface Measured {
  runs: EpsteinRun[];
  peakRss: number[];
}

type Runner =
  | ((w: number, h: number, steps: number, seed: number) => Promise<{ run: EpsteinRun; peakRss: number | null; wallSeconds: number; cpuSeconds: number | null }>)
  | null;

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function summarise(m: Measured, prefix: 'ts' | 'c', agents: number): Record<string, Value> {
  if (m.runs.length === 0) return {};
  const bytes = m.runs.map((r) => (prefix === 'ts' ? r.modelBytes : r.stateBytes)).filter((b): b is number => b !== undefined);
  return {
    [`${prefix}UpdatesPerSecond`]: median(m.runs.map((r) => r.updatesPerSecond)),
    [`${prefix}UpdatesPerCpuSecond`]: median(m.runs.map((r) => r.updatesPerCpuSecond)),
    [`${prefix}BytesPerAgent`]: bytes.length ? median(bytes) / agents : null,
    [`${prefix}PeakRss`]: m.peakRss.length ? Math.max(...m.peakRss) : null,
    [`${prefix}MeanActive`]: mean(m.runs.map((r) => r.mean.active)),
    [`${prefix}MeanJailed`]: mean(m.runs.map((r) => r.mean.jailed)),
    // JSON only: the paper's outburst figures, meaningful for long runs at 40 x 40.
    [`${prefix}MeanWait`]: mean(m.runs.map((r) => r.outbursts?.meanWait ?? NaN)),
    [`${prefix}MeanActivation`]: mean(m.runs.map((r) => r.outbursts?.meanActivation ?? NaN)),
  };
}

function tsRunner(ctx: BenchContext, notes: string[]): Runner {
  const child = join(ctx.root, 'dist', 'bench', 'epstein-ts-child.js');
  const model = join(ctx.root, 'dist', 'src', 'models', 'civil-violence', 'index.js');
  // Both are compiled by `npm run build`; the child is a separate process for clean memory figures.
  if (!existsSync(model) || !existsSync(child)) {
    notes.push('TS model not available: dist/src/models/civil-violence/index.js or dist/bench/epstein-ts-child.js is missing (run npm run build)');
    return null;
  }
  return async (w, h, steps, seed) => {
    const args = ['--expose-gc', child, String(w), String(h), String(steps), String(seed)];
    const result = await runChild(process.execPath, args, { timeoutMs: RUN_TIMEOUT_MS });
    return { run: lastJsonLine<EpsteinRun>(result, `TS run ${w}x${h}`), peakRss: result.peakRssBytes, wallSeconds: result.wallSeconds, cpuSeconds: result.cpuSeconds };
  };
}

function cRunner(ctx: BenchContext, notes: string[]): Runner {
  const build = buildReference(ctx.root, ctx.tmpDir);
  if (build.binary === null) {
    notes.push(build.reason);
    return null;
  }
  const binary = build.binary;
  notes.push(`C reference: ${build.compiler}`);
  return async (w, h, steps, seed) => {
    const result = await runChild(binary, [String(w), String(h), String(steps), String(seed)], { timeoutMs: RUN_TIMEOUT_MS });
    return { run: lastJsonLine<EpsteinRun>(result, `C run ${w}x${h}`), peakRss: result.peakRssBytes, wallSeconds: result.wallSeconds, cpuSeconds: result.cpuSeconds };
  };
}

interface Whole {
  wall: number;
  cpu: number | null;
}

type WholeRunner = ((w: number, steps: number, seed: number) => Promise<Whole>) | null;

/** `powderkeg run` of Run 2 on a w x w grid, as a user would start it (the built binary). */
function tsWholeRunner(ctx: BenchContext, notes: string[]): WholeRunner {
  const bin = join(ctx.root, 'bin', 'powderkeg.js');
  const scenario = join(ctx.root, 'scenarios', 'epstein', 'run2.yaml');
  if (!existsSync(join(ctx.root, 'dist', 'src', 'cli', 'main.js'))) {
    notes.push('whole-process TS runs not available: dist/src/cli/main.js is missing (run npm run build)');
    return null;
  }
  return async (w, steps, seed) => {
    const args = [bin, 'run', scenario, '--set', `grid.width=${w}`, '--set', `grid.height=${w}`, '--steps', String(steps), '--seed', String(seed), '--json'];
    const r = await runChild(process.execPath, args, { timeoutMs: RUN_TIMEOUT_MS });
    const summary = lastJsonLineOf<{ steps: number }>(r, `powderkeg run ${w}x${w}`);
    if (summary.steps !== steps) throw new Error(`powderkeg run ${w}x${w} ran ${summary.steps} steps, expected ${steps}`);
    return { wall: r.wallSeconds, cpu: r.cpuSeconds };
  };
}

/** `powderkeg run --json` prints an indented document: parse the whole of stdout. */
function lastJsonLineOf<T>(r: Awaited<ReturnType<typeof runChild>>, what: string): T {
  if (r.timedOut || r.code !== 0) return lastJsonLine<T>(r, what);
  return JSON.parse(r.stdout) as T;
}

function cWholeRunner(run: Runner): WholeRunner {
  if (!run) return null;
  return async (w, steps, seed) => {
    const r = await run(w, w, steps, seed);
    return { wall: r.wallSeconds, cpu: r.cpuSeconds };
  };
}

export const epsteinSection: Section = {
  name: 'epstein',
  async run(ctx: BenchContext): Promise<Table> {
    const notes: string[] = [];
    const ts = tsRunner(ctx, notes);
    const c = cRunner(ctx, notes);
    const tsWhole = tsWholeRunner(ctx, notes);
    const cWhole = cWholeRunner(c);
    const rows: Record<string, Value>[] = [];
    const checks: Check[] = [];
    for (const size of SIZES) {
      const steps = ctx.quick ? size.quickSteps : size.steps;
      if (steps === 0) continue;
      const w = size.side;
      const agents = agentsOn(w, w);
      const measured = { ts: { runs: [], peakRss: [] } as Measured, c: { runs: [], peakRss: [] } as Measured };
      for (let round = 0; round < ctx.rounds; round++) {
        // Alternate who goes first so that neither always meets a warm or a cold machine.
        const order = round % 2 === 0 ? (['ts', 'c'] as const) : (['c', 'ts'] as const);
        for (const which of order) {
          const runner = which === 'ts' ? ts : c;
          if (!runner) continue;
          ctx.log(`epstein ${w}x${w}: ${which} round ${round + 1}/${ctx.rounds}`);
          const { run, peakRss } = await runner(w, w, steps, round + 1);
          if (run.agents !== agents) throw new Error(`${which} run has ${run.agents} agents, expected ${agents}`);
          measured[which].runs.push(run);
          if (peakRss !== null) measured[which].peakRss.push(peakRss);
        }
      }
      const row: Record<string, Value> = {
        size: `${w}x${w}`,
        agents,
        steps,
        ...summarise(measured.ts, 'ts', agents),
        ...summarise(measured.c, 'c', agents),
      };
      const ratio = (a: Value | undefined, b: Value | undefined) => (typeof a === 'number' && typeof b === 'number' ? a / b : null);
      row.wallRatio = ratio(row.tsUpdatesPerSecond, row.cUpdatesPerSecond);
      // The verdict uses CPU time: other processes on the cores inflate wall times unevenly.
      row.ratio = ratio(row.tsUpdatesPerCpuSecond, row.cUpdatesPerCpuSecond);
      const whole = WHOLE.find((x) => x.side === w);
      const wholeSteps = whole === undefined ? 0 : ctx.quick ? whole.quickSteps : whole.steps;
      if (wholeSteps > 0 && tsWhole && cWhole) {
        const runs = { ts: [] as Whole[], c: [] as Whole[] };
        for (let round = 0; round < ctx.rounds; round++) {
          const order = round % 2 === 0 ? (['ts', 'c'] as const) : (['c', 'ts'] as const);
          for (const which of order) {
            ctx.log(`epstein ${w}x${w} whole process, ${wholeSteps} steps: ${which} round ${round + 1}/${ctx.rounds}`);
            runs[which].push(await (which === 'ts' ? tsWhole : cWhole)(w, wholeSteps, round + 1));
          }
        }
        const cpu = (xs: Whole[]) => (xs.every((x) => x.cpu !== null) ? median(xs.map((x) => x.cpu!)) : null);
        row.wholeSteps = wholeSteps;
        row.tsWholeSeconds = median(runs.ts.map((x) => x.wall));
        row.cWholeSeconds = median(runs.c.map((x) => x.wall));
        // Same work on both sides: the speed ratio is the inverse ratio of the times.
        row.wholeRatio = ratio(row.cWholeSeconds, row.tsWholeSeconds);
        row.wholeCpuRatio = ratio(cpu(runs.c), cpu(runs.ts));
      }
      rows.push(row);
      const check = (name: string, value: Value | undefined, target: number, atLeast: boolean) =>
        checks.push({
          name,
          target: `${atLeast ? '>=' : '<='} ${target.toFixed(2)}`,
          measured: typeof value === 'number' ? value.toFixed(2) : 'n/a',
          pass: typeof value === 'number' ? (atLeast ? value >= target : value <= target) : null,
        });
      check(`TS/C steps only (wall) at ${w}x${w}`, row.wallRatio, TARGET_RATIO, true);
      check(`TS/C steps only (CPU) at ${w}x${w}`, row.ratio, TARGET_RATIO, true);
      if (row.wholeRatio !== undefined) {
        check(`TS/C whole process (wall), ${w}x${w} x ${row.wholeSteps} steps`, row.wholeRatio, TARGET_RATIO, true);
        check(`TS/C whole process (CPU), ${w}x${w} x ${row.wholeSteps} steps`, row.wholeCpuRatio, TARGET_RATIO, true);
      }
      if (w > 40) check(`bytes per agent TS/C at ${w}x${w}`, ratio(row.tsBytesPerAgent, row.cBytesPerAgent), TARGET_BYTES_RATIO, false);
    }
    notes.push(
      `median of ${ctx.rounds} interleaved rounds (seeds 1..${ctx.rounds}); upd/s = agent turns per second over the steps only ` +
        '(wall time; upd/cpu-s per second of process CPU time, for Node all threads, GC included); ' +
        'TS B/agent = V8 heap + ArrayBuffers growth once the model is built and has run; C B/agent = its allocated state; ' +
        'act/jail = mean active and jailed counts per step (the two should be similar); ' +
        'run s = median wall time of a whole process: `powderkeg run scenarios/epstein/run2.yaml --set grid.width=W --set grid.height=W --steps N --json` ' +
        'against the C reference binary with the same W and N (start-up, setup and steps; TS/C run = C time / TS time, cpu from GNU time)',
    );
    return {
      title: 'Epstein Model I, Run 2 rules: TypeScript model (src/models/civil-violence) vs C reference',
      columns: COLUMNS,
      rows,
      notes,
      checks,
    };
  },
};
