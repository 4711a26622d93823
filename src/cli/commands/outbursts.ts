import type { Command } from 'commander';
import { outburstStats } from '../../experiment/series/outbursts.js';
import { UserError, type Problem } from '../../errors.js';
import { numberOption } from '../option-values.js';
import { formatForHumans, printJson, printLine } from '../output.js';
import { readSeriesColumn } from '../read-series.js';

export function register(program: Command): void {
  program
    .command('outbursts')
    .description("Epstein's outburst statistics of a recorded series (e.g. from run --out)")
    .argument('<file>', 'series file (.csv, .jsonl or .parquet)')
    .option('--threshold <n>', 'an outburst is a run of steps with more than this many active', '50')
    .option('--column <name>', 'the column to analyse', 'active')
    .option('--json', 'print the statistics as JSON')
    .action(async (file: string, options: { threshold: string; column: string; json?: boolean }) => {
      const problems: Problem[] = [];
      const threshold = numberOption(options.threshold, '--threshold', problems);
      if (problems.length > 0) throw new UserError(problems);
      const series = await readSeriesColumn(file, options.column);
      const s = outburstStats(series, threshold);
      const summary = {
        file,
        column: options.column,
        threshold: threshold!,
        steps: series.length,
        count: s.count,
        waitMean: finiteOrNull(s.waitMean),
        waitSd: finiteOrNull(s.waitSd),
        activationMean: finiteOrNull(s.activationMean),
        activationSd: finiteOrNull(s.activationSd),
        peakMean: finiteOrNull(s.peakMean),
        starts: s.starts,
        waits: s.waits,
        activations: s.activations,
        peaks: s.peaks,
      };
      if (options.json) {
        printJson(summary);
        return;
      }
      const show = (v: number | null) => (v === null ? 'n/a' : formatForHumans(v));
      printLine(`${file}: ${summary.count} outbursts of "${summary.column}" > ${summary.threshold} in ${summary.steps} steps (those cut by either end not counted)`);
      printLine(`waiting time   mean ${show(summary.waitMean)}  s.d. ${show(summary.waitSd)}`);
      printLine(`activation     mean ${show(summary.activationMean)}  s.d. ${show(summary.activationSd)}`);
      printLine(`peak           mean ${show(summary.peakMean)}`);
    });
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
