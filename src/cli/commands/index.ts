import type { Command } from 'commander';
import { register as run } from './run.js';
import { register as validate } from './validate.js';
import { register as schema } from './schema.js';
import { register as outbursts } from './outbursts.js';
import { register as experiment } from './experiment.js';
import { register as exportCommand } from './export.js';
import { register as targets } from './targets.js';
import { register as report } from './report.js';
import { register as worker } from './worker.js';

/** Each command lives in its own file and exports `register(program)`; list it here. */
export type Register = (program: Command) => void;

export const commands: Register[] = [run, validate, schema, outbursts, experiment, exportCommand, targets, report, worker];
