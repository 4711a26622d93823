import type { Command } from 'commander';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';

/** Each command lives in its own file and exports `register(program)`; list it here. */
export type Register = (program: Command) => void;

export const commands: Register[] = [run, validate, schema];
