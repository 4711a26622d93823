/** What every bench section returns: a table of raw values (kept raw for --json) and its checks. */

export type Value = string | number | boolean | null;

export interface TableColumn {
  readonly key: string;
  readonly label: string;
  /** Renders a raw value for the text table; raw values go to --json unchanged. */
  readonly format?: (value: Value) => string;
}

/** A target the section measures itself against; `pass` is null when it could not be measured. */
export interface Check {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | null;
}

export interface Table {
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Record<string, Value>[];
  readonly notes: readonly string[];
  readonly checks: readonly Check[];
}

/** A table that only says why its section could not run (e.g. a model that has not landed). */
export function unavailable(title: string, reason: string): Table {
  return { title, columns: [], rows: [], notes: [`not available: ${reason}`], checks: [] };
}

function renderValue(column: TableColumn, value: Value | undefined): string {
  if (value === undefined || value === null) return 'n/a';
  if (column.format) return column.format(value);
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** Numbers with thousands separators; fractions kept to 3 significant digits. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000 || Number.isInteger(v)) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}

/** Fixed-width text table; the first column is left-aligned (labels), the others right-aligned (figures). */
export function formatTable(table: Table): string {
  const lines = [`## ${table.title}`];
  if (table.columns.length > 0) {
    const cells = table.rows.map((row) => table.columns.map((c) => renderValue(c, row[c.key])));
    const widths = table.columns.map((c, i) => Math.max(c.label.length, ...cells.map((r) => r[i].length)));
    const pad = (s: string, i: number) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i]));
    lines.push(table.columns.map((c, i) => pad(c.label, i)).join('  '));
    lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of cells) lines.push(r.map(pad).join('  '));
  }
  for (const check of table.checks) {
    const verdict = check.pass === null ? 'N/A ' : check.pass ? 'PASS' : 'MISS';
    lines.push(`${verdict} ${check.name}: target ${check.target}, measured ${check.measured}`);
  }
  for (const note of table.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

/** The JSON form: columns reduced to keys and labels (formatters are for text only). */
export function tableToJson(table: Table): unknown {
  return {
    title: table.title,
    columns: table.columns.map((c) => ({ key: c.key, label: c.label })),
    rows: table.rows,
    checks: table.checks,
    notes: table.notes,
  };
}
