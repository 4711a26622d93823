import type { Command } from 'commander';
import { buildReport } from '../../report/build.js';
import { printLine } from '../output.js';

interface ReportOptions {
  out?: string;
  png?: string;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('writes a self-contained HTML report (charts inline, no network needed) of an experiment store')
    .argument('<db>', 'experiment store (.duckdb)')
    .option('--out <file>', 'HTML file to write (default: the store name with .html)')
    .option('--png <dir>', 'also write every chart as a PNG into this directory')
    .action(async (db: string, options: ReportOptions) => {
      const r = await buildReport(db, { out: options.out, pngDir: options.png });
      printLine(`${r.out}: ${r.charts} charts in ${r.sections.length} sections${r.complete ? '' : ' (the store is INCOMPLETE)'}`);
      if (options.png) printLine(`${r.pngs.length} PNG files in ${options.png}`);
    });
}
