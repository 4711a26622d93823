import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { commands } from '../../src/cli/commands/index.js';
import { runChild } from '../child.js';
import type { BenchContext, Section } from '../section.js';
import { median } from '../stats.js';
import type { Check, Table, TableColumn, Value } from '../table.js';

/** Goals of issue 11: seconds of wall time for the whole process, by row. */
const KAZAKHSTAN = 'validate scenarios/kazakhstan-2022.yaml';
const GOALS: Record<string, number> = { '--version': 0.15, [KAZAKHSTAN]: 0.3 };
const MIB = 1024 * 1024;
const fixed = (digits: number) => (v: Value) => (typeof v === 'number' ? v.toFixed(digits) : String(v));
const mebi = (v: Value) => (typeof v === 'number' ? (v / MIB).toFixed(1) : String(v));

const COLUMNS: readonly TableColumn[] = [
  { key: 'command', label: 'command' },
  { key: 'seconds', label: 'wall s', format: fixed(3) },
  { key: 'overNode', label: 'over bare node s', format: fixed(3) },
  { key: 'peakRss', label: 'peak MiB', format: mebi },
];

/** The module bin/powderkeg.js imports (the bundle, rolldown.config.mjs), read from the bin itself. */
function binEntry(bin: string): string | null {
  const spec = /from '(\.\.\/dist\/[^']+)'/.exec(readFileSync(bin, 'utf8'))?.[1];
  return spec === undefined ? null : resolve(dirname(bin), spec);
}

/**
 * Start-up of the built binary: `--version`, `--help`, `validate` (of Epstein's Run 1 and of the
 * Kazakhstan scenario, the goal's case) and every command's `--help` (which loads that command's
 * module and nothing else), against a bare `node -e 0`. Timed is what a user runs: node
 * bin/powderkeg.js, so whatever the bin imports (today the bundle in dist/bundle/).
 */
export const startupSection: Section = {
  name: 'startup',
  async run(ctx: BenchContext): Promise<Table> {
    const bin = join(ctx.root, 'bin', 'powderkeg.js');
    const entry = binEntry(bin);
    if (entry === null || !existsSync(entry)) {
      return { title: 'CLI start-up', columns: [], rows: [], notes: [`not available: ${entry ?? 'the module bin/powderkeg.js imports'} is missing (run npm run build)`], checks: [] };
    }
    const compiled = join(ctx.root, 'dist', 'src', 'cli', 'main.js');
    const stale = existsSync(compiled) && statSync(compiled).mtimeMs > statSync(entry).mtimeMs;
    const cases: { command: string; args: string[] }[] = [
      { command: 'node -e 0', args: ['-e', '0'] },
      { command: '--version', args: [bin, '--version'] },
      { command: '--help', args: [bin, '--help'] },
      { command: 'validate scenarios/epstein/run1.yaml', args: [bin, 'validate', join(ctx.root, 'scenarios', 'epstein', 'run1.yaml')] },
      { command: KAZAKHSTAN, args: [bin, 'validate', join(ctx.root, 'scenarios', 'kazakhstan-2022.yaml')] },
      ...commands.map((c) => ({ command: `${c.name} --help`, args: [bin, c.name, '--help'] })),
    ];
    // Short processes: more repetitions than the other sections for a stable median.
    const repeats = ctx.quick ? 1 : Math.max(5, ctx.rounds);
    const times = new Map<string, number[]>(cases.map((c) => [c.command, []]));
    const rss = new Map<string, number>();
    for (let round = 0; round < repeats; round++) {
      ctx.log(`startup: round ${round + 1}/${repeats}`);
      for (const c of cases) {
        const r = await runChild(process.execPath, c.args, { cwd: ctx.root, timeoutMs: 60_000 });
        if (r.code !== 0) throw new Error(`${c.command} exited with ${r.code}: ${r.stderr.trim()}`);
        times.get(c.command)!.push(r.wallSeconds);
        if (r.peakRssBytes !== null) rss.set(c.command, Math.max(rss.get(c.command) ?? 0, r.peakRssBytes));
      }
    }
    const bare = median(times.get('node -e 0')!);
    const rows = cases.map((c) => {
      const seconds = median(times.get(c.command)!);
      return { command: c.command, seconds, overNode: seconds - bare, peakRss: rss.get(c.command) ?? null };
    });
    const checks: Check[] = Object.entries(GOALS).map(([command, goal]) => {
      const seconds = median(times.get(command)!);
      return { name: `powderkeg ${command} (wall, whole process)`, target: `<= ${goal.toFixed(2)} s`, measured: `${seconds.toFixed(3)} s`, pass: seconds <= goal };
    });
    return {
      title: `CLI start-up (node bin/powderkeg.js ..., whole process; the bin runs ${relative(ctx.root, entry)})`,
      columns: COLUMNS,
      rows,
      notes: [
        `median of ${repeats} runs each; "over bare node" subtracts the median of node -e 0 (the floor no CLI can beat on this machine)`,
        'each command --help loads only that command\'s module (src/cli/commands/index.ts), so its row is the cost of loading it',
        ...(stale ? [`!!! ${relative(ctx.root, entry)} is older than dist/src/cli/main.js: the bundle is stale, run npm run build`] : []),
      ],
      checks,
    };
  },
};
