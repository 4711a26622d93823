import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export { ensureBuilt } from '../support/build.js';

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
