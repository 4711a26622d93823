/** How a value found in a file is shown back to the user, short and in YAML terms. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') return `the text ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return `the number ${formatNumber(value)}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a group of fields';
  return String(value);
}

/** A literal as it would be written in YAML: strings quoted, infinities as `.inf`. */
export function formatLiteral(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function formatNumber(n: number): string {
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isNaN(n)) return '.nan';
  return String(n);
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'a group of fields',
  array: 'a list',
  record: 'a group of fields',
  tuple: 'a list',
  null: 'an empty value',
  date: 'a date',
  literal: 'a fixed value',
};

/** Plain-English name of a zod type name, e.g. "int" -> "a whole number". */
export function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}
