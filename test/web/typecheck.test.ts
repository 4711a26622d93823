import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// Vite strips types without checking them. This compiles the page, and with it the engine,
// models and scenario code it imports, with the browser's types only and no Node types.
test('the workbench, with the engine and models it bundles, type-checks for the browser', async () => {
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', `${repo}web/tsconfig.json`, '--noEmit'], { cwd: repo }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code?: number; stdout?: string }) => ({ code: e.code ?? 1, out: e.stdout ?? '' }),
  );
  expect(result.out).toBe('');
  expect(result.code).toBe(0);
});
