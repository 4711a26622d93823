/**
 * `npm run bench`: runs every section (bench/sections/index.ts) and prints their tables, or
 * the whole report as JSON with --json. Exit code 1 when a section failed to run; a MISS of a
 * target is reported, not an error.
 *
 *   node dist/bench/index.js [--json] [--quick] [--rounds N] [--only name,name]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findRoot } from './paths.js';
import type { BenchContext } from './section.js';
import { sections } from './sections/index.js';
import { formatTable, tableToJson, unavailable, type Table } from './table.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const rounds = values.rounds === undefined ? (values.quick ? 1 : 3) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    process.stderr.write(`--rounds must be a positive integer, got "${values.rounds}"\n`);
    return 2;
  }
  const wanted = values.only?.split(',').map((s) => s.trim());
  const unknown = wanted?.filter((w) => !sections.some((s) => s.name === w)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`unknown section ${unknown.join(', ')}; sections are ${sections.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  const tmpDir = mkdtempSync(join(tmpdir(), 'powderkeg-bench-'));
  const ctx: BenchContext = {
    quick: values.quick,
    rounds,
    root: findRoot(),
    tmpDir,
    log: (m) => process.stderr.write(`[bench] ${m}\n`),
  };
  // Other processes on the machine slow some runs down and cap the worker speed-up: say how busy it was.
  const machine = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  if (!values.json) {
    process.stdout.write(
      `# powderkeg bench: node ${machine.node}, ${machine.platform}, ${machine.cores} x ${machine.cpu}, load average ${machine.loadAverageAtStart.join(' ')}\n\n`,
    );
  }
  const report: { name: string; table: Table }[] = [];
  let failed = false;
  try {
    for (const section of sections.filter((s) => !wanted || wanted.includes(s.name))) {
      let table: Table;
      try {
        table = await section.run(ctx);
      } catch (err) {
        failed = true;
        table = unavailable(section.name, `failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      report.push({ name: section.name, table });
      if (!values.json) process.stdout.write(`${formatTable(table)}\n\n`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (values.json) {
    const json = { machine, sections: report.map((r) => ({ name: r.name, ...(tableToJson(r.table) as object) })) };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
