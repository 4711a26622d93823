import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { ensureBuilt } from './built-binary.js';

const HEAVY = ['@duckdb/node-api', 'echarts', '@resvg/resvg-js', 'bullmq', 'ioredis', 'piscina'];

/** rolldown marks each module it inlines with a comment line naming its path. */
const INLINED = /^\/\/ (?:\S*\/)?node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm;

/**
 * Packages the built binary uses for `args`, seen by a module-load hook: those imported from
 * node_modules, and those inlined into the bundle's files (dist/bundle/, rolldown.config.mjs)
 * that it loads. So a heavy package moved into a chunk that validate loads still counts.
 */
function packagesLoaded(args: string[]): { code: number; packages: string[]; bundleFiles: number } {
  const hook = `data:text/javascript,export async function load(u,c,n){if(u.startsWith("file:"))process.stderr.write("LOADED "+u+"\\n");return n(u,c)}`;
  const r = spawnSync(process.execPath, ['--no-warnings', '--experimental-loader', hook, join(process.cwd(), 'bin/powderkeg.js'), ...args], { encoding: 'utf8' });
  const packages = new Set<string>();
  let bundleFiles = 0;
  for (const line of r.stderr.split('\n')) {
    const url = /^LOADED (\S+)/.exec(line)?.[1];
    if (!url) continue;
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]);
    else if (url.includes('/dist/bundle/')) {
      bundleFiles++;
      for (const inlined of readFileSync(fileURLToPath(url), 'utf8').matchAll(INLINED)) packages.add(inlined[1]);
    }
  }
  return { code: r.status ?? -1, packages: [...packages], bundleFiles };
}

describe('the command table', () => {
  it('lists each command under the name and summary its own module registers', async () => {
    const program = await buildProgram();
    expect(program.commands.map((c) => [c.name(), c.description()])).toEqual(commands.map((e) => [e.name, e.summary]));
  });

  it('loads only the command being run', async () => {
    const program = await buildProgram(['validate', 'x.yaml']);
    const validate = program.commands.find((c) => c.name() === 'validate')!;
    const run = program.commands.find((c) => c.name() === 'run')!;
    expect(validate.options.map((o) => o.long)).toContain('--json');
    expect(run.options).toHaveLength(0);
  });
});

describe('start-up of the built binary', () => {
  beforeAll(() => ensureBuilt());

  it('--version, --help, validate and run (no Parquet output) import none of the heavy packages', () => {
    const scenario = join(process.cwd(), 'scenarios/epstein/run1.yaml');
    for (const args of [['--version'], ['--help'], ['validate', scenario], ['run', scenario, '--steps', '2']]) {
      const r = packagesLoaded(args);
      expect(r.code, args.join(' ')).toBe(0);
      // The bin runs the bundle, and the hook sees what it uses (commander, inlined or not;
      // --version alone answers without it).
      expect(r.bundleFiles, args.join(' ')).toBeGreaterThan(0);
      if (args[0] === '--version') expect(r.packages).toEqual([]);
      else expect(r.packages).toContain('commander');
      for (const heavy of HEAVY) expect(r.packages, args.join(' ')).not.toContain(heavy);
    }
  });

  it('the commands that need them still load them', () => {
    expect(packagesLoaded(['report', '--help']).packages).toContain('echarts');
    expect(packagesLoaded(['worker', '--help']).packages).toContain('bullmq');
  });

  it('validate finds the scenario packages inlined in the bundle, and no heavy package is inlined anywhere', () => {
    const validate = packagesLoaded(['validate', join(process.cwd(), 'scenarios/epstein/run1.yaml')]);
    expect(validate.packages).toEqual(expect.arrayContaining(['commander', 'yaml', 'zod']));
    // The heavy packages stay in node_modules, loaded only by the commands that import them:
    // DuckDB and resvg are native, piscina finds its worker file and BullMQ its Lua scripts by path.
    const dir = join(process.cwd(), 'dist/bundle');
    const inlined = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(INLINED)) inlined.add(m[1]);
    }
    expect([...inlined]).toContain('zod');
    for (const heavy of HEAVY) expect([...inlined]).not.toContain(heavy);
  });
});
