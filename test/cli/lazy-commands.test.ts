import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { buildProgram } from '../../src/cli/main.js';
import { ensureBuilt } from './built-binary.js';

const HEAVY = ['@duckdb/node-api', 'echarts', '@resvg/resvg-js', 'bullmq', 'ioredis', 'piscina'];

/** Packages the built binary imports for `args`, seen by a module-load hook. */
function packagesLoaded(args: string[]): { code: number; packages: string[] } {
  const hook = `data:text/javascript,export async function load(u,c,n){if(u.includes("/node_modules/"))process.stderr.write("LOADED "+u+"\\n");return n(u,c)}`;
  const r = spawnSync(process.execPath, ['--no-warnings', '--experimental-loader', hook, join(process.cwd(), 'bin/powderkeg.js'), ...args], { encoding: 'utf8' });
  const packages = new Set<string>();
  for (const line of r.stderr.split('\n')) {
    const m = /^LOADED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m) packages.add(m[1]);
  }
  return { code: r.status ?? -1, packages: [...packages] };
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
      expect(r.packages).toContain('commander');
      for (const heavy of HEAVY) expect(r.packages, args.join(' ')).not.toContain(heavy);
    }
  });

  it('the commands that need them still load them', () => {
    expect(packagesLoaded(['report', '--help']).packages).toContain('echarts');
    expect(packagesLoaded(['worker', '--help']).packages).toContain('bullmq');
  });
});
