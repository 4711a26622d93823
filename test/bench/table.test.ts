import { describe, expect, it } from 'vitest';
import { median } from '../../bench/stats.js';
import { formatNumber, formatTable, tableToJson, unavailable, type Table } from '../../bench/table.js';

const table: Table = {
  title: 'demo',
  columns: [
    { key: 'size', label: 'size' },
    { key: 'speed', label: 'upd/s' },
    { key: 'ratio', label: 'TS/C', format: (v) => (typeof v === 'number' ? v.toFixed(2) : String(v)) },
  ],
  rows: [
    { size: '40x40', speed: 12345678, ratio: 0.5 },
    { size: '1000x1000', speed: 0.123456, ratio: null },
  ],
  notes: ['a note'],
  checks: [
    { name: 'fast', target: '>= 0.5', measured: '0.61', pass: true },
    { name: 'faster', target: '>= 0.9', measured: '0.61', pass: false },
    { name: 'unknown', target: '>= 1', measured: 'n/a', pass: null },
  ],
};

describe('bench table formatting', () => {
  it('aligns every row of the table to the same width', () => {
    const lines = formatTable(table).split('\n');
    const body = lines.slice(1, 5);
    expect(new Set(body.map((l) => l.length)).size).toBe(1);
    expect(body[2].startsWith('40x40 ')).toBe(true);
    expect(body[2].endsWith('0.50')).toBe(true);
    expect(body[3]).toContain('0.123');
    expect(body[3].endsWith('n/a')).toBe(true);
  });

  it('prints PASS, MISS and N/A for checks and keeps the notes', () => {
    const text = formatTable(table);
    expect(text).toContain('PASS fast: target >= 0.5, measured 0.61');
    expect(text).toContain('MISS faster');
    expect(text).toContain('N/A  unknown');
    expect(text).toContain('note: a note');
  });

  it('keeps raw values in JSON', () => {
    const json = tableToJson(table) as { rows: Record<string, unknown>[]; columns: unknown[] };
    expect(json.rows[0].speed).toBe(12345678);
    expect(json.columns).toEqual([
      { key: 'size', label: 'size' },
      { key: 'speed', label: 'upd/s' },
      { key: 'ratio', label: 'TS/C' },
    ]);
  });

  it('renders a section that could not run as a single reason', () => {
    expect(formatTable(unavailable('aftermath', 'not built'))).toBe('## aftermath\nnote: not available: not built');
  });

  it('formats numbers with separators and three significant digits', () => {
    expect(formatNumber(1234567.8)).toBe('1,234,568');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(42)).toBe('42');
  });

  it('takes medians of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});
