import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export type ReferenceBuild = { readonly binary: string; readonly compiler: string } | { readonly binary: null; readonly reason: string };

/**
 * Compiles bench/reference/epstein.c into `outDir` with the flags a performance-minded C
 * programmer would use on this machine. Never into the tree: the binary is machine-specific.
 */
export function buildReference(root: string, outDir: string): ReferenceBuild {
  const version = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { binary: null, reason: 'gcc not found, C reference skipped' };
  const binary = join(outDir, 'epstein');
  const source = join(root, 'bench', 'reference', 'epstein.c');
  const build = spawnSync('gcc', ['-O3', '-march=native', '-std=c99', '-o', binary, source, '-lm'], { encoding: 'utf8' });
  if (build.status !== 0) return { binary: null, reason: `gcc failed: ${build.stderr.trim()}` };
  return { binary, compiler: `${version.stdout.split('\n')[0]} -O3 -march=native` };
}
