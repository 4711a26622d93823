import type { Command } from 'commander';
import { commands } from './commands/index.js';
import { ExitRequest, runHardExitCleanups } from './exit-request.js';
import { mainJobArgs } from './main-job-args.js';
import { printError } from './output.js';
import { isShortRun, tuneForShortRun } from './short-run.js';
import { packageVersion } from './version.js';
import { formatProblem, Interrupted, isUserError } from '../errors.js';

/**
 * The program with every command of the table listed, but only `argv`'s command loaded
 * (imported and registered with its options): the others are names and summaries for `--help`.
 * With no `argv`, every command is loaded (for tests that inspect the whole program).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  // Imported here, not at the top: --version alone answers without it (see main).
  const commander = await import('commander');
  const program = new commander.Command('powderkeg')
    .description("Agent-based simulator of how a state's repression after a protest wave feeds the next one")
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Errors become exit codes here instead of process.exit inside commander; settings made
    // before the commands are added are inherited by them.
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  const wanted = argv === undefined ? undefined : commandNamed(argv);
  for (const entry of commands) {
    if (argv === undefined || entry.name === wanted) (await entry.load()).register(program);
    else program.command(entry.name).description(entry.summary);
  }
  return program;
}

/** The command `argv` runs: its first word, or the one after `help` (`powderkeg help run`). */
function commandNamed(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/** Runs the command line; resolves to the exit code (0 ok, 2 bad input, 1 internal error). */
export async function main(argv: string[]): Promise<number> {
  try {
    // The one answer that needs no command line parser: loading commander is a third of it.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const mainJob = mainJobArgs(argv);
    if (mainJob) {
      const { runMainJob } = await import('./main-job.js');
      return await runMainJob(await buildProgram([]), mainJob);
    }
    if (isShortRun(argv, commandNamed(argv))) tuneForShortRun();
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (isUserError(err)) {
    for (const p of err.problems) printError(formatProblem(p));
    return 2;
  }
  if (err instanceof ExitRequest) return err.code;
  if (err instanceof Interrupted) {
    runHardExitCleanups();
    return err.exitCode;
  }
  if (isCommanderError(err)) {
    // commander has already printed its message (or the help/version)
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return err.exitCode === 0 ? 0 : 2;
  }
  printError(`powderkeg: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return 1;
}

/** commander's CommanderError, recognised without importing commander: a 'commander.*' code and an exit code. */
function isCommanderError(err: unknown): err is Error & { code: string; exitCode: number } {
  if (!(err instanceof Error)) return false;
  const { code, exitCode } = err as { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}
