import type { Command } from 'commander';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';
import { register as experiment } from './experiment.js';
import { register as exportCommand } from './export.js';

/** Each command lives in its own file and exports `register(program)`; list it here. */
export type Register = (program: Command) => void;

export const commands: Register[] = [run, validate, schema, experiment, exportCommand];
