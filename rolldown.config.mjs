import { defineConfig } from 'rolldown';

/**
 * The bundle that bin/powderkeg.js runs (dist/bundle/), built from tsc's output (dist/src/) so
 * both run the same JavaScript. Why: validate and --version were dominated by loading ~170
 * small files (zod alone is 95) through Node's ESM loader; one file per entry plus shared
 * chunks loads in about a third less time (bench: node dist/bench/index.js --only startup).
 *
 * Entries, all in ONE folder, so the sibling lookups by import.meta.url keep working from any
 * chunk: worker.js (local-executor.ts's workerFile), thread.js (redis-worker.ts's threadFile),
 * ablation-model.js (attribution.ts's ablationModuleUrl). The commands' dynamic imports
 * (src/cli/commands/index.ts) become chunks of their own, so the command table stays lazy.
 *
 * Kept external, loaded from node_modules as before: native or big packages that only some
 * commands need, and those that find their own files by path at run time (piscina's worker,
 * BullMQ's Lua scripts). test/cli/lazy-commands.test.ts relies on them staying external.
 */
export const EXTERNAL = ['@duckdb/node-api', '@resvg/resvg-js', 'bullmq', 'ioredis', 'piscina', 'echarts', 'fastify', '@fastify/static', 'cli-progress'];

const isExternal = (id) => id.startsWith('node:') || EXTERNAL.some((p) => id === p || id.startsWith(`${p}/`));

export default defineConfig({
  input: {
    main: 'dist/src/cli/main.js',
    worker: 'dist/src/experiment/worker.js',
    thread: 'dist/src/experiment/distributed/thread.js',
    'ablation-model': 'dist/src/experiment/ablation-model.js',
  },
  platform: 'node',
  external: isExternal,
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    cleanDir: true,
    sourcemap: true,
  },
});
