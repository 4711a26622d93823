import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { openDuckDb } from '../../src/store/duckdb.js';
import { ExperimentStore } from '../../src/store/experiment-store.js';
import { STORE_SCHEMA_VERSION } from '../../src/store/tables.js';
import { root } from '../support/build.js';
import { shippedScenario, writeExperiment } from '../fixtures/experiment-file.js';
import { storeContents } from '../shard/toy-kinds.js';

async function cli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  try {
    return { code: await main(args), stderr, stdout };
  } finally {
    vi.restoreAllMocks();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pk-store-faults-'));
const experiment = writeExperiment(dir, 'tiny.yaml', { kind: 'ensemble', scenario: shippedScenario('scenarios/epstein/run1.yaml'), replicates: 2, steps: 20 });

async function makeStore(name: string): Promise<string> {
  const db = join(dir, name);
  const r = await cli(['experiment', experiment, '--db', db, '--workers', '0', '--json']);
  expect(r.code).toBe(0);
  return db;
}

async function sql(db: string, statement: string): Promise<void> {
  const h = await openDuckDb(db);
  await h.connection.run(statement);
  h.close();
}

const expectNoInternalError = (stderr: string) => {
  expect(stderr).not.toContain('internal error');
  expect(stderr.trim().split('\n')).toHaveLength(1);
};

describe('store schema versions', () => {
  it('an older store is refused with the migrate command, which upgrades it in place', async () => {
    const db = await makeStore('old.duckdb');
    await sql(db, 'ALTER TABLE manifest DROP COLUMN schema_version');
    const resumed = await cli(['experiment', experiment, '--db', db, '--resume', '--workers', '0']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(`a store of schema version 1, but this powderkeg uses version ${STORE_SCHEMA_VERSION}; upgrade it with: powderkeg migrate`);
    const report = await cli(['report', db, '--out', join(dir, 'old.html')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('powderkeg migrate');
    expect(existsSync(join(dir, 'old.html'))).toBe(false);

    const migrated = await cli(['migrate', db, '--json']);
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ from: 1, to: STORE_SCHEMA_VERSION });
    const store = await ExperimentStore.open(db);
    expect((await store.manifest()).schema_version).toBe(STORE_SCHEMA_VERSION);
    expect(await store.query('SELECT count(*) AS n FROM runs')).toEqual([{ n: 2 }]);
    store.close();
    const again = await cli(['migrate', db]);
    expect(again.stdout).toContain('nothing to do');
  }, 60_000);

  it('a store from a newer powderkeg is refused as such, and migrate does not touch it', async () => {
    const db = await makeStore('new.duckdb');
    await sql(db, `UPDATE manifest SET schema_version = ${STORE_SCHEMA_VERSION + 1}`);
    const r = await cli(['experiment', experiment, '--db', db, '--resume', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('made by a newer powderkeg');
    const m = await cli(['migrate', db]);
    expect(m.code).toBe(2);
    expectNoInternalError(m.stderr);
  }, 60_000);
});

describe('a store in use by another process', () => {
  const children: ReturnType<typeof spawn>[] = [];
  afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

  it('a second writer is refused with a clear message and the store is left as it was', async () => {
    const db = await makeStore('busy.duckdb');
    const holder = spawn(process.execPath, ['-e', `import('@duckdb/node-api').then(async (m) => { await m.DuckDBInstance.create(${JSON.stringify(db)}); console.log('holding'); setInterval(() => {}, 1000); })`], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && resolve()));
    const r = await cli(['experiment', experiment, '--db', db, '--resume', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the store is in use by another process');
    expectNoInternalError(r.stderr);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const store = await ExperimentStore.open(db);
    expect((await store.manifest()).status).toBe('complete');
    store.close();
  }, 60_000);
});

describe('store paths that cannot be written', () => {
  it('a parent path that is a regular file: exit 2, one line, nothing created', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const r = await cli(['experiment', experiment, '--db', join(file, 'x.duckdb'), '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a parent of this path is a file');
    expectNoInternalError(r.stderr);
  });

  it('--db /proc/x.duckdb: exit 2, one line', async () => {
    const r = await cli(['experiment', experiment, '--db', '/proc/powderkeg-x.duckdb', '--workers', '0']);
    expect(r.code).toBe(2);
    expectNoInternalError(r.stderr);
  });

  it.skipIf(process.getuid?.() === 0)('a directory without write permission: exit 2, one line, nothing created', async () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro, { mode: 0o555 });
    const r = await cli(['experiment', experiment, '--db', join(ro, 'x.duckdb'), '--workers', '0']);
    expect(r.code).toBe(2);
    expectNoInternalError(r.stderr);
    expect(readdirSync(ro)).toEqual([]);
  });
});

// A tiny file system fills up for real; it needs mount rights (root in a container), else skipped.
const small = join(dir, 'small');
mkdirSync(small);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [small]);
});

describe.skipIf(!mounted)('a full disk', () => {
  it('run --out: exit 2 saying the disk is full, no partial file under any name', async () => {
    const out = join(small, 'series.csv');
    const r = await cli(['run', join(root, 'scenarios/epstein/run1.yaml'), '--steps', '20000', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the disk is full');
    expectNoInternalError(r.stderr);
    expect(readdirSync(small)).toEqual([]);
  }, 60_000);

  it('fills up mid-experiment: exit 2 saying so, the committed runs kept; with room again, --resume ends as an uninterrupted run', async () => {
    const disk = join(dir, 'filling');
    mkdirSync(disk);
    // Its own tmpfs, grown later: about a dozen runs' series fit, 40 do not.
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', disk]).status).toBe(0);
    try {
      const file = writeExperiment(dir, 'filling.yaml', { kind: 'ensemble', scenario: shippedScenario('scenarios/epstein/run1.yaml'), set: { grid: { width: 20, height: 20 } }, replicates: 40, steps: 2000, series: true });
      const db = join(disk, 'x.duckdb');
      const r = await cli(['experiment', file, '--db', db, '--workers', '0']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${db}: cannot write to the store: the disk is full; the runs committed before are kept`);
      expectNoInternalError(r.stderr);
      const store = await ExperimentStore.open(db).catch(() => undefined);
      // The full disk may have struck before the first run was committed: then nothing is kept.
      const kept = store ? Number((await store.query('SELECT count(*) AS n FROM runs'))[0].n) : 0;
      store?.close();
      console.log(`the disk filled up with ${kept} of 40 runs committed`);
      expect(kept).toBeLessThan(40);

      expect(spawnSync('mount', ['-o', 'remount,size=200m', disk]).status).toBe(0);
      const resumed = await cli(['experiment', file, '--db', db, '--workers', '0', '--json', ...(existsSync(db) ? ['--resume'] : [])]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ runs: 40, skipped: kept, ran: 40 - kept, failed: 0 });
      const whole = join(dir, 'filling-whole.duckdb');
      expect((await cli(['experiment', file, '--db', whole, '--workers', '0'])).code).toBe(0);
      const a = await storeContents(db, join(dir, 'filling-a'));
      const b = await storeContents(whole, join(dir, 'filling-b'));
      for (const table of Object.keys(b)) expect(a[table], table).toBe(b[table]);
    } finally {
      spawnSync('umount', [disk]);
    }
  }, 120_000);

  it('export: exit 2 saying the disk is full, no partial file left', async () => {
    const db = await makeStore('export-me.duckdb');
    writeFileSync(join(small, 'ballast'), Buffer.alloc(250 * 1024));
    const r = await cli(['export', db, '--format', 'csv', '--out', small]);
    expect(r.code).toBe(2);
    expectNoInternalError(r.stderr);
    expect(readdirSync(small)).toEqual(['ballast']);
  }, 60_000);
});
