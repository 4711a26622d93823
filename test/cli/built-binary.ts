import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAIN_JS = 'dist/src/cli/main.js';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * `npm test` builds first; when these tests run alone, build if dist is missing or older than
 * the sources, so the binary under test is never stale. Type errors elsewhere in the tree do not
 * stop tsc from emitting, so the build's exit status is not checked here.
 */
export function ensureBuilt(): void {
  if (existsSync(MAIN_JS) && statSync(MAIN_JS).mtimeMs >= newestSource('src')) return;
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
  if (!existsSync(MAIN_JS)) throw new Error(`build did not produce ${MAIN_JS}`);
}

export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function powderkeg(args: string[], cwd = process.cwd()): BinResult {
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/powderkeg.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export { execFileSync };
