import { statSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import type { RowSink } from '../../engine/recorder.js';
import { UserError } from '../../errors.js';
import { CsvSink } from './csv-sink.js';
import { JsonlSink } from './jsonl-sink.js';
import { ParquetSink } from './parquet-sink.js';

const FORMATS: Record<string, (path: string) => RowSink> = {
  '.csv': (p) => new CsvSink(p),
  '.jsonl': (p) => new JsonlSink(p),
  '.ndjson': (p) => new JsonlSink(p),
  '.parquet': (p) => new ParquetSink(p),
};

export const OUTPUT_EXTENSIONS = Object.keys(FORMATS);

/**
 * Checks that rows could be written to `path` (known extension, existing directory, not a
 * directory itself) without creating anything, so that commands can check every output before
 * any is written. `option` names the command-line option in the message (e.g. "--out").
 */
export function checkOutputPath(path: string, option?: string): void {
  const fail = (message: string): never => {
    throw new UserError({ file: path, path: option, message });
  };
  const ext = extname(path).toLowerCase();
  if (!FORMATS[ext]) {
    fail(`unknown output format "${ext || '(no extension)'}"; use a file name ending in ${OUTPUT_EXTENSIONS.join(', ')}`);
  }
  const dir = dirname(path);
  const dirStat = statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) fail(`the directory ${dir} does not exist; create it first`);
  else if (!dirStat.isDirectory()) fail(`${dir} is not a directory`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) fail('this is a directory; give a file name');
}

/** The streaming, atomic sink for a file, chosen by its extension. */
export function sinkForFile(path: string, option?: string): RowSink {
  checkOutputPath(path, option);
  return FORMATS[extname(path).toLowerCase()](path);
}
