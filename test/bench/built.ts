import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root } from '../support/build.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }
  return t;
}

/**
 * The bench sections time compiled code: build dist/ when it is missing or older than src/ or
 * bench/, and fail (never skip) when the files a test needs are still not there.
 */
export function requireBuilt(...files: string[]): void {
  ensureBuilt();
  const stale = files.some((f) => !existsSync(join(root, 'dist', f)) || statSync(join(root, 'dist', f)).mtimeMs < newest(join(root, 'bench')));
  if (stale) {
    try {
      execFileSync('flock', ['/tmp/powderkeg-build.lock', 'npx', 'tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
    } catch {
      // Type errors elsewhere do not stop tsc from emitting; what matters is the outputs below.
    }
  }
  const missing = files.filter((f) => !existsSync(join(root, 'dist', f)));
  if (missing.length > 0) throw new Error(`npm run build did not produce ${missing.map((f) => `dist/${f}`).join(', ')}; the bench tests need them`);
}
