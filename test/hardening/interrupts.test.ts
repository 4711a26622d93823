import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { ensureBuilt, root } from '../support/build.js';
import { writeExperiment } from '../fixtures/experiment-file.js';

const BIN = join(root, 'bin/powderkeg.js');
const RUN2 = join(root, 'scenarios/epstein/run2.yaml');

interface Ended {
  code: number | null;
  output: string;
}

/**
 * Runs powderkeg on a pseudo-terminal (util-linux `script`), as a user at a terminal would, and
 * types Ctrl-C once `ready(output)` holds: the terminal driver turns it into SIGINT.
 */
function ctrlCAtTerminal(args: string[], cwd: string, ready: (output: string) => boolean): Promise<Ended> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString('utf8');
    if (!sent && ready(output)) {
      sent = true;
      child.stdin.write('\x03');
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Sends SIGINT once `ready()` holds (polled), as `kill -INT` or a supervisor would. */
function sigintWhen(args: string[], cwd: string, ready: () => boolean): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const timer = setInterval(() => {
    if (ready()) {
      clearInterval(timer);
      child.kill('SIGINT');
    }
  }, 25);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, output });
    }),
  );
}

const barDrawn = (out: string) => /\[[░█]+\] \d+%/.test(out);
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.tmp-'));

/** The terminal is as before: after the last bar, the line is cleared and the cursor shown again. */
function expectTerminalRestored(output: string): void {
  const lastBar = output.lastIndexOf('%');
  expect(lastBar).toBeGreaterThan(0);
  const after = output.slice(lastBar);
  expect(after).toContain('\x1b[?25h');
  expect(after).toContain('\x1b[2K');
}

describe('Ctrl-C', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('during run: exit 130, the bar cleared and the cursor back, no partial CSV under any name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-int-run-'));
    const out = join(dir, 'series.csv');
    const r = await ctrlCAtTerminal(['run', RUN2, '--steps', '10000000', '--out', out], dir, barDrawn);
    expect(r.code).toBe(130);
    expectTerminalRestored(r.output);
    expect(r.output).toContain('interrupted: nothing written (the partial output was removed)');
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);

  it('during targets: exit 130 with the terminal restored and no table printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-int-targets-'));
    const r = await ctrlCAtTerminal(['targets', join(root, 'scenarios/kazakhstan-2022.yaml'), '--runs', '50'], dir, barDrawn);
    expect(r.code).toBe(130);
    expectTerminalRestored(r.output);
    expect(r.output).not.toMatch(/\bpass\b|\bFAIL\b/i);
  }, 60_000);

  it('during experiment: exit 130, the finished runs kept in the store, and --resume completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-int-exp-'));
    const file = writeExperiment(dir, 'sweep.yaml', {
      kind: 'sweep',
      scenario: RUN2,
      factors: [{ path: 'legitimacy', range: [0.7, 0.9], levels: 6 }],
      design: { type: 'factorial' },
      replicates: 2,
      steps: 5000,
      outputs: { summaries: [{ name: 'peak', stat: 'max', indicator: 'active' }] },
    });
    const db = join(dir, 'sweep.duckdb');
    const wal = `${db}.wal`;
    // Ctrl-C once the bar counts two finished runs: they are committed on the way out.
    const twoDone = (out: string) => [...out.matchAll(/\| (\d+)\/12 \|/g)].some((m) => Number(m[1]) >= 2);
    const r = await ctrlCAtTerminal(['experiment', file, '--db', db, '--workers', '1'], dir, twoDone);
    expect(r.code).toBe(130);
    expectTerminalRestored(r.output);
    expect(r.output.replace(/\r?\n/g, '')).toContain(`interrupted: the runs finished so far are in ${db}; continue with the same command and --resume`);
    const store = await ExperimentStore.open(db);
    const [{ n }] = await store.query('SELECT count(*) AS n FROM runs');
    expect((await store.manifest()).status).toBe('incomplete');
    store.close();
    expect(Number(n)).toBeGreaterThanOrEqual(2);
    expect(Number(n)).toBeLessThan(12);
    const resumed = await sigintWhen(['experiment', file, '--db', db, '--workers', '1', '--resume', '--json'], dir, () => false);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.output.slice(resumed.output.indexOf('{')))).toMatchObject({ runs: 12, skipped: Number(n), ran: 12 - Number(n) });
    expect(leftovers(dir)).toEqual([]);
  }, 90_000);

  it('during the main job: exit 130 and nothing new in powderkeg-out, not even a temporary store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pk-int-main-'));
    const out = join(dir, 'powderkeg-out');
    const r = await sigintWhen([], dir, () => existsSync(out) && readdirSync(out).some((f) => f.includes('.tmp-')));
    expect(r.code).toBe(130);
    expect(r.output).toContain('interrupted: nothing new written');
    expect(readdirSync(out)).toEqual([]);
  }, 90_000);
});
