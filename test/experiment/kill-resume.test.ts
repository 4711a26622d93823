import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { exportStore } from '../../src/store/export.js';
import { ensureBuilt, root } from './build.js';
import { tempDir } from './helpers.js';
import { shippedScenario, writeExperiment } from '../fixtures/experiment-file.js';

const BIN = join(root, 'bin/powderkeg.js');
const RUNS = 60;

function experimentFile(dir: string): string {
  return writeExperiment(dir, 'sweep.yaml', {
    kind: 'sweep',
    scenario: shippedScenario('scenarios/epstein/run2.yaml'),
    // A larger lattice than the paper's so that a run takes ~0.1 s: the kill must land mid-way.
    set: { grid: { width: 100, height: 100 } },
    factors: [{ path: 'legitimacy', range: [0.7, 0.9], levels: 10 }],
    design: { type: 'factorial' },
    replicates: 6,
    seed: 99,
    steps: 300,
    series: true,
    outputs: {
      indicators: ['active', 'jailed'],
      summaries: [
        { name: 'first_explosion', stat: 'first_passage', indicator: 'active', above: 50 },
        { name: 'mean_jailed', stat: 'mean', indicator: 'jailed' },
      ],
    },
  });
}

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`powderkeg ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Starts the experiment and SIGKILLs it once the store's write-ahead log has been growing for a while. */
async function runAndKill(file: string, db: string, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [BIN, 'experiment', file, '--db', db, '--workers', '1', '--json'], { cwd: root, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let firstWal = 0;
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished) {
    await new Promise((r) => setTimeout(r, 25));
    const wal = `${db}.wal`;
    if (!firstWal && existsSync(wal) && statSync(wal).size > 0) firstWal = Date.now();
    // Runs are committed every 500 ms: soon after the first commit a few runs are in, most are not.
    if (firstWal && Date.now() - firstWal > delayMs) {
      child.kill('SIGKILL');
      break;
    }
  }
  await exited;
}

async function storedRuns(db: string) {
  const store = await ExperimentStore.open(db);
  const count = async (table: string) => {
    // The series table is created with the first stored run: a kill before it leaves none.
    const [t] = await store.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${table}'`);
    if (Number(t.n) === 0) return { n: 0, ids: 0 };
    const [r] = await store.query(`SELECT count(*) AS n, count(DISTINCT run_id) AS ids FROM ${table}`);
    return { n: Number(r.n), ids: Number(r.ids) };
  };
  const counts = await count('runs');
  const series = await count('series');
  const status = (await store.manifest()).status;
  store.close();
  return { counts, series, status };
}

async function exported(db: string, dir: string) {
  await exportStore(db, { format: 'csv', tables: ['runs', 'series'], outDir: dir });
  const runs = readFileSync(join(dir, 'runs.csv'), 'utf8')
    .split('\n')
    .map((l) => l.slice(0, Math.max(0, l.lastIndexOf(',')))) // drop elapsed_ms, a measurement
    .join('\n');
  return { runs, series: readFileSync(join(dir, 'series.csv'), 'utf8') };
}

describe('an experiment killed with SIGKILL', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('resumes with --resume to the same store an uninterrupted run makes, every run exactly once', async () => {
    const dir = tempDir('pk-kill-');
    const file = experimentFile(dir);
    let killed = '';
    let before: Awaited<ReturnType<typeof storedRuns>> | undefined;
    // A busy machine may not have committed anything yet when the kill comes: wait longer then.
    for (const delay of [400, 1500, 4000, 10000]) {
      killed = join(dir, `killed-${delay}.duckdb`);
      await runAndKill(file, killed, delay);
      before = await storedRuns(killed);
      if (before.counts.n > 0) break;
    }
    if (!before) throw new Error('unreachable');
    console.log(`killed after ${before.counts.n} of ${RUNS} runs were stored`);
    expect(before.status).toBe('incomplete');
    expect(before.counts.n).toBeGreaterThan(0);
    expect(before.counts.n).toBeLessThan(RUNS);
    // Each stored run came with its whole series (301 steps) in the same transaction.
    expect(before.series).toEqual({ n: before.counts.n * 301, ids: before.counts.n });

    const resumed = cli(['experiment', file, '--db', killed, '--workers', '2', '--resume', '--json']);
    expect(resumed).toMatchObject({ runs: RUNS, skipped: before.counts.n, ran: RUNS - before.counts.n, failed: 0 });
    const after = await storedRuns(killed);
    expect(after).toEqual({ counts: { n: RUNS, ids: RUNS }, series: { n: RUNS * 301, ids: RUNS }, status: 'complete' });

    const whole = join(dir, 'whole.duckdb');
    cli(['experiment', file, '--db', whole, '--workers', '2', '--json']);
    const a = await exported(killed, join(dir, 'a'));
    const b = await exported(whole, join(dir, 'b'));
    expect(a.runs).toBe(b.runs);
    expect(a.series).toBe(b.series);
  }, 90_000);
});
