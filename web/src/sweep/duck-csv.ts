/**
 * Cells as `powderkeg export --format csv` writes them: DuckDB's CSV writer, which prints a
 * DOUBLE in its shortest exact digits, with an exponent below 1e-4 or from 1e16 on (two-digit
 * at least, signed) and `.0` on whole numbers; BIGINTs plainly; NULL as nothing; text quoted only
 * when it holds a comma, a quote or a line break, and the empty string as "".
 */

export function duckDouble(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  // toExponential() without digits gives the shortest digits that read back as v.
  const [mantissa, exp] = Math.abs(v).toExponential().split('e');
  const e = Number(exp);
  const digits = mantissa.replace('.', '');
  const sign = v < 0 ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

export function duckText(s: string | null): string {
  if (s === null) return '';
  if (s === '') return '""';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export type DuckType = 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN';

export function duckCell(v: unknown, type: DuckType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'DOUBLE':
      return duckDouble(Number(v));
    case 'BIGINT':
      return String(Math.trunc(Number(v)));
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'VARCHAR':
      return duckText(String(v));
  }
}
