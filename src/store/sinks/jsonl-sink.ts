import type { Cell, Column } from '../../engine/model.js';
import type { RowSink } from '../../engine/recorder.js';
import { AtomicFile } from '../atomic-write.js';
import { formatJsonCell } from './format-cell.js';

/** Streams rows to JSON Lines: one object per row, keys in column order. */
export class JsonlSink implements RowSink {
  private file: AtomicFile | undefined;
  private columns: readonly Column[] = [];
  private keys: string[] = [];

  constructor(readonly path: string) {}

  open(columns: readonly Column[]): void {
    this.columns = columns;
    this.keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
    this.file = new AtomicFile(this.path);
  }

  write(row: readonly Cell[]): void {
    let line = '';
    for (let i = 0; i < this.columns.length; i++) line += this.keys[i] + formatJsonCell(row[i], this.columns[i].type);
    this.file!.write(`${line}}\n`);
  }

  close(): void {
    this.file?.commit();
  }

  abort(): void {
    this.file?.abort();
  }
}
