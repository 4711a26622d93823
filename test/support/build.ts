import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Worker threads and the CLI run compiled JavaScript: build dist/ (tsc's dist/src/, then the
 * bundle that bin/powderkeg.js runs, dist/bundle/) when it is missing or older than the sources.
 * Type errors elsewhere in the tree do not stop tsc from emitting, so only a missing output
 * counts as a failed build.
 */
export function ensureBuilt(): void {
  const marker = join(root, 'dist/src/experiment/worker.js');
  const cli = join(root, 'dist/src/cli/main.js');
  const bundle = join(root, 'dist/bundle/main.js');
  const outputs = [marker, cli, bundle];
  const fresh = outputs.every((f) => existsSync(f)) && statSync(marker).mtimeMs >= newestSource(join(root, 'src')) && statSync(bundle).mtimeMs >= statSync(cli).mtimeMs;
  if (fresh) return;
  // Test files run in parallel: the first one to take the lock builds, the others find dist fresh.
  const script = [
    `if [ ! -f ${marker} ] || [ ! -f ${cli} ] || [ -n "$(find src -name '*.ts' -newer ${marker} | head -1)" ]; then npx tsc -p tsconfig.build.json; fi`,
    `if [ ! -f ${bundle} ] || [ ${cli} -nt ${bundle} ]; then npx rolldown -c rolldown.config.mjs; fi`,
  ].join('; ');
  try {
    execFileSync('flock', ['/tmp/powderkeg-build.lock', 'sh', '-c', script], { cwd: root, stdio: 'pipe' });
  } catch {
    // Errors in files under edit by others; what matters is that the outputs exist.
  }
  const missing = outputs.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new Error(`npm run build did not produce ${missing.join(', ')}`);
}
