import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { ExitRequest } from './exit-request.js';
import { runMainJob } from './main-job.js';
import { printError } from './output.js';
import { packageVersion } from './version.js';
import { formatProblem, isUserError } from '../scenario/errors.js';

export function buildProgram(): Command {
  const program = new Command('powderkeg')
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
  for (const register of commands) register(program);
  return program;
}

/** Runs the command line; resolves to the exit code (0 ok, 2 bad input, 1 internal error). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length === 0) return await runMainJob(program);
    await program.parseAsync(argv, { from: 'user' });
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
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help/version)
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return err.exitCode === 0 ? 0 : 2;
  }
  printError(`powderkeg: internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return 1;
}
