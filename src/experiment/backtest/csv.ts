/**
 * RFC 4180 CSV records: fields separated by commas, a field in double quotes may hold commas,
 * line breaks and doubled quotes (""). Each record remembers the line it starts on, so that an
 * error can name it.
 */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

export function parseCsvRecords(text: string): { records: CsvRecord[]; problems: { line: number; message: string }[] } {
  const records: CsvRecord[] = [];
  const problems: { line: number; message: string }[] = [];
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
    } else cell += ch;
    i++;
  }
  if (quoted) problems.push({ line: quoteLine, message: 'a quoted field is never closed (a " is missing)' });
  if (cell !== '' || cells.length > 0) endRecord();
  return { records: records.length ? records : [{ line: 1, cells: [''] }], problems };
}
