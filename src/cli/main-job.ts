import type { Command } from 'commander';

/**
 * HOOK: what `powderkeg` does with no arguments. Another part of the project replaces this
 * body with the main job; until then it prints the help. Returns the exit code.
 */
export async function runMainJob(program: Command): Promise<number> {
  program.outputHelp();
  return 0;
}
