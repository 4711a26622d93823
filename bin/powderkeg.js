#!/usr/bin/env node
// The bundle of dist/src/cli/main.js (rolldown.config.mjs): the same code in a few files, which
// starts faster than the ~170 modules it is made of.
import { statSync } from 'node:fs';
import { main } from '../dist/bundle/main.js';

// tsc alone (without the bundler) leaves this bin on the old code: say so instead of puzzling.
try {
  const mtime = (path) => statSync(new URL(path, import.meta.url)).mtimeMs;
  if (mtime('../dist/src/cli/main.js') > mtime('../dist/bundle/main.js')) {
    process.stderr.write('powderkeg: dist/bundle/ is older than dist/src/ (tsc ran without the bundler): run npm run build\n');
  }
} catch {
  // no dist/src beside the bundle: nothing to compare
}
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
