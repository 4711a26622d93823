#!/usr/bin/env node
// The bundle of dist/src/cli/main.js (rolldown.config.mjs): the same code in a few files, which
// starts faster than the ~170 modules it is made of.
import { main } from '../dist/bundle/main.js';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
