import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { exportStore, type ExportFormat } from '../../store/export.js';
import { collect } from '../option-values.js';
import { printJson, printLine } from '../output.js';

interface ExportOptions {
  format: string;
  table: string[];
  out?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('export')
    .description("write an experiment store's tables as Parquet or CSV files")
    .argument('<db>', 'experiment store (.duckdb)')
    .option('--format <format>', 'parquet or csv', 'parquet')
    .option('--table <name>', 'export only this table (repeatable; default: all)', collect, [])
    .option('--out <dir>', 'output directory (default: next to the store, named after it)')
    .option('--json', 'print the written files as JSON')
    .action(async (db: string, options: ExportOptions) => {
      if (options.format !== 'parquet' && options.format !== 'csv') {
        throw new UserError({ path: '--format', message: `expected parquet or csv, found "${options.format}"` });
      }
      const out = resolve(options.out ?? join(dirname(db), basename(db, extname(db))));
      const files = await exportStore(db, { format: options.format as ExportFormat, tables: options.table.length > 0 ? options.table : undefined, outDir: out });
      if (options.json) printJson({ db, format: options.format, files });
      else for (const f of files) printLine(`wrote ${f}`);
    });
}
