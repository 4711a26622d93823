import type { MainJobOptions } from './main-job.js';

/**
 * `powderkeg` with only the main job's options (`--json`, `--workers N`, `--out DIR`,
 * `--scenario FILE`, `--observed FILE`, `--compare FILE`) runs the main job; anything else is a command line for commander. Kept
 * free of imports so that start-up stays cheap.
 */
export function mainJobArgs(argv: readonly string[]): MainJobOptions | null {
  const o: { json?: boolean; workers?: number; outDir?: string; scenario?: string; observed?: string; compare?: string[] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if ((a === '--observed' || a === '--compare') && i + 1 < argv.length) {
      if (a === '--observed') o.observed = argv[++i];
      else o.compare = [...(o.compare ?? []), argv[++i]];
    } else if ((a === '--workers' || a === '--out' || a === '--scenario') && i + 1 < argv.length) {
      const v = argv[++i];
      if (a === '--workers') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) return null;
        o.workers = n;
      } else if (a === '--out') o.outDir = v;
      else o.scenario = v;
    } else return null;
  }
  return o;
}
