import type { Command } from 'commander';

/** Each command lives in its own file and exports `register(program)`; list it here. */
export type Register = (program: Command) => void;

export const commands: Register[] = [];
