import { setFlagsFromString } from 'node:v8';

/** Commands that read a file or two and exit: no simulation, nothing that runs for long. */
const SHORT_COMMANDS: ReadonlySet<string> = new Set(['validate', 'schema']);
const HELP_OR_VERSION: ReadonlySet<string> = new Set(['--help', '-h', '--version', '-V']);

/** Whether `argv` (a command line, not the main job) only starts up: help, version, validate, schema. */
export function isShortRun(argv: readonly string[], command: string | undefined): boolean {
  return command === undefined || command === 'help' || argv.some((a) => HELP_OR_VERSION.has(a)) || SHORT_COMMANDS.has(command);
}

/**
 * V8's default interrupt budget (bytecode executed before a function is considered for the
 * optimising compiler, TurboFan) is sized for programs that keep running. A short run of the
 * CLI only pays for it: most of validate's work (the YAML parser, zod building the schemas) is
 * run once, yet TurboFan compiled it, costing validate of the Kazakhstan scenario ~50-80 ms of
 * its ~0.35 s on two busy cores. A larger budget leaves such code in the interpreter and
 * baseline compiler; the long-running commands keep V8's defaults (they are not short runs).
 */
export const SHORT_RUN_INTERRUPT_BUDGET = 1_000_000;

export function tuneForShortRun(): void {
  setFlagsFromString(`--interrupt-budget=${SHORT_RUN_INTERRUPT_BUDGET}`);
}
