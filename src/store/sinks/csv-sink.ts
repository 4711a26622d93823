import type { Cell, Column } from '../../engine/model.js';
import type { RowSink } from '../../engine/recorder.js';
import { AtomicFile } from '../atomic-write.js';
import { formatCsvCell } from './format-cell.js';

/** Streams rows to a CSV file (header line of column names, `\n` line ends). */
export class CsvSink implements RowSink {
  private file: AtomicFile | undefined;
  private columns: readonly Column[] = [];

  constructor(readonly path: string, private readonly tempPath?: string) {}

  open(columns: readonly Column[]): void {
    this.columns = columns;
    this.file = new AtomicFile(this.path, this.tempPath);
    this.file.write(`${columns.map((c) => formatCsvCell(c.name, 'string')).join(',')}\n`);
  }

  write(row: readonly Cell[]): void {
    const cols = this.columns;
    let line = formatCsvCell(row[0], cols[0].type);
    for (let i = 1; i < cols.length; i++) line += `,${formatCsvCell(row[i], cols[i].type)}`;
    this.file!.write(`${line}\n`);
  }

  close(): void {
    this.file?.commit();
  }

  /** Completes the file but leaves it at its temporary name (used by the Parquet sink). */
  finishTemporary(): string {
    this.file!.finish();
    return this.file!.tempPath;
  }

  abort(): void {
    this.file?.abort();
  }
}
