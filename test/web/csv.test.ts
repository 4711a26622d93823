import { describe, expect, test } from 'vitest';
import { groupedCsv, seriesCsv } from '../../web/src/csv.js';

const columns = [
  { name: 'date', type: 'string' as const },
  { name: 'active', type: 'int' as const },
  { name: 'legitimacy', type: 'float' as const },
];

describe('CSV of the workbench series', () => {
  test('a step column first, numbers in their shortest exact form', () => {
    expect(seriesCsv(columns, 0, [['2022-01-03', 0, 0.1 + 0.2], ['2022-01-10', 12, 1 / 3]])).toBe(
      'step,date,active,legitimacy\n0,2022-01-03,0,0.30000000000000004\n1,2022-01-10,12,0.3333333333333333\n',
    );
  });

  test('text with commas, quotes or line breaks is quoted, quotes doubled', () => {
    expect(seriesCsv([{ name: 'region', type: 'string' }], 5, [['Aktobe, "West"'], ['a\nb']])).toBe('step,region\n5,"Aktobe, ""West"""\n6,"a\nb"\n');
  });

  test('grouped rows carry the step of their row', () => {
    expect(groupedCsv([{ name: 'region', type: 'string' }, { name: 'n', type: 'int' }], 0, [[['a', 1], ['b', 2]], [['a', 3], ['b', 4]]])).toBe(
      'step,region,n\n0,a,1\n0,b,2\n1,a,3\n1,b,4\n',
    );
  });

  test('the edge cases are those of the CLI\'s CSV sink (format-cell.ts): NaN, infinities, empty and padded text', () => {
    const cols = [{ name: 'x', type: 'float' as const }, { name: 's', type: 'string' as const }];
    expect(seriesCsv(cols, 0, [[NaN, ''], [Infinity, ' padded'], [-Infinity, 'ok']])).toBe('step,x,s\n0,nan,""\n1,inf," padded"\n2,-inf,ok\n');
  });
});
