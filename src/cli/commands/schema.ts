import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { models } from '../../models/registry.js';
import { scenarioSchemaFile } from '../../scenario/json-schema.js';
import { AtomicFile } from '../../store/atomic-write.js';
import { printLine } from '../output.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description("write the JSON Schema of every model's scenario files (for editors)")
    .option('--out <dir>', 'directory to write to', 'schemas')
    .action((options: { out: string }) => {
      for (const path of writeSchemaFiles(options.out)) printLine(`wrote ${path}`);
    });
}

export function writeSchemaFiles(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return models.map((model) => {
    const { name, text } = scenarioSchemaFile(model);
    const path = join(dir, name);
    const file = new AtomicFile(path);
    file.write(text);
    file.commit();
    return path;
  });
}
