import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package version, recorded in every store; found from the sources and from dist/ alike. */
function readVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const file = resolve(here, up, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'powderkeg' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

export const POWDERKEG_VERSION = readVersion();
