import { UserError } from '../errors.js';
import { openDuckDb } from './duckdb.js';
import type { ExperimentStore } from './experiment-store.js';
import { quoteIdent } from './sql-types.js';

/**
 * The store side of `powderkeg merge`: what each input store is, and copying their runs and series
 * into one store, each run once. Which stores may be merged, and the analyses after, are the
 * experiment layer's (src/experiment/shard-merge.ts).
 */
export interface InputStore {
  readonly path: string;
  readonly manifest: Record<string, unknown>;
  readonly shard: { readonly index: number; readonly count: number; readonly complete: boolean } | undefined;
  readonly runs: number;
  readonly hasSeries: boolean;
}

/** Reads an input's manifest and shard marker without writing to it. */
export async function inspectStore(path: string): Promise<InputStore> {
  const db = await openDuckDb(path, { readOnly: true });
  const connection = db.connection;
  try {
    const tables = (await connection.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`)).getRowsJS().map(([t]) => String(t));
    if (!tables.includes('manifest') || !tables.includes('runs')) throw new UserError({ file: path, message: 'not an experiment store (no manifest or runs table)' });
    const manifests = (await connection.runAndReadAll('SELECT * FROM manifest')).getRowObjectsJS();
    if (manifests.length !== 1) throw new UserError({ file: path, message: `not an experiment store (${manifests.length} manifest rows)` });
    let shard: InputStore['shard'];
    if (tables.includes('shard')) {
      const [row] = (await connection.runAndReadAll('SELECT shard_index, shard_count, complete FROM shard')).getRowObjectsJS();
      if (row) shard = { index: Number(row.shard_index), count: Number(row.shard_count), complete: row.complete === true };
    }
    const runs = Number((await connection.runAndReadAll('SELECT count(*) FROM runs')).getRowsJS()[0][0]);
    return { path, manifest: manifests[0] as Record<string, unknown>, shard, runs, hasSeries: tables.includes('series') };
  } finally {
    db.close();
  }
}

/**
 * Copies every input's runs and series into `store` (which has the same layout). A run found in
 * several inputs must agree in every column but elapsed_ms, and in its series, or the merge is
 * refused; an agreeing copy is skipped. One transaction: the target gets all of it or nothing.
 */
const DESCRIPTION_TABLES = ['scenario', 'model_meta'] as const;

export async function copyRuns(store: ExperimentStore, inputs: readonly InputStore[]): Promise<{ runs: number; duplicates: number }> {
  const c = store.connection;
  const runColumns = (await store.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'runs' AND table_schema = 'main' ORDER BY ordinal_position`)).map((r) =>
    String(r.column_name),
  );
  const compared = runColumns.filter((n) => n !== 'run_id' && n !== 'elapsed_ms');
  const tuple = (alias: string) => `row(${compared.map((n) => `${alias}.${quoteIdent(n)}`).join(', ')})`;
  const withSeries = inputs.find((i) => i.hasSeries);
  let duplicates = 0;
  const aliases: string[] = [];
  try {
    for (const [k, input] of inputs.entries()) {
      const alias = `merge_in_${k}`;
      await c.run(`ATTACH ${quoteString(input.path)} AS ${alias} (READ_ONLY)`);
      aliases.push(alias);
    }
    await c.run('BEGIN TRANSACTION');
    if (withSeries) await c.run(`CREATE TABLE series AS SELECT * FROM ${aliases[inputs.indexOf(withSeries)]}.series LIMIT 0`);
    // The store's description of itself (validated scenario, model metadata) is the same in every
    // shard: taken once from the first input, so the report can read the merged store alone.
    for (const name of DESCRIPTION_TABLES) {
      const present = await store.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_catalog = '${aliases[0]}' AND table_name = '${name}'`);
      const already = await store.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database() AND table_name = '${name}'`);
      if (Number(present[0].n) > 0 && Number(already[0].n) === 0) await c.run(`CREATE TABLE ${name} AS SELECT * FROM ${aliases[0]}.${name}`);
    }
    for (const [k, input] of inputs.entries()) {
      const a = aliases[k];
      const clash = await store.query(
        `SELECT i.run_id FROM ${a}.runs i JOIN runs m USING (run_id) WHERE ${tuple('i')} IS DISTINCT FROM ${tuple('m')} ORDER BY i.run_id LIMIT 3`,
      );
      if (clash.length > 0) throw disagree(input.path, clash.map((r) => String(r.run_id)), 'its parameters, status or summaries');
      const [dup] = await store.query(`SELECT count(*) AS n FROM ${a}.runs i WHERE i.run_id IN (SELECT run_id FROM runs)`);
      duplicates += Number(dup.n);
      if (input.hasSeries && Number(dup.n) > 0) {
        const dupIds = `(SELECT i.run_id FROM ${a}.runs i WHERE i.run_id IN (SELECT run_id FROM runs))`;
        const diff = await store.query(
          `SELECT DISTINCT run_id FROM ((SELECT * FROM ${a}.series WHERE run_id IN ${dupIds} EXCEPT ALL SELECT * FROM series WHERE run_id IN ${dupIds})
             UNION ALL (SELECT * FROM series WHERE run_id IN ${dupIds} EXCEPT ALL SELECT * FROM ${a}.series WHERE run_id IN ${dupIds})) ORDER BY run_id LIMIT 3`,
        );
        if (diff.length > 0) throw disagree(input.path, diff.map((r) => String(r.run_id)), 'its series');
      }
      if (input.hasSeries) await c.run(`INSERT INTO series SELECT * FROM ${a}.series WHERE run_id NOT IN (SELECT run_id FROM runs)`);
      await c.run(`INSERT INTO runs SELECT * FROM ${a}.runs WHERE run_id NOT IN (SELECT run_id FROM runs)`);
    }
    await c.run('COMMIT');
  } catch (err) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    for (const alias of aliases) await c.run(`DETACH ${alias}`).catch(() => undefined);
  }
  const [total] = await store.query('SELECT count(*) AS n FROM runs');
  return { runs: Number(total.n), duplicates };
}

function disagree(file: string, runIds: string[], what: string): UserError {
  return new UserError({
    file,
    message: `run ${runIds.join(', ')} is also in an earlier input but differs in ${what}: these stores did not run the same experiment the same way; merge only shards of one experiment run by one powderkeg version`,
  });
}

function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
