import { describe, expect, it } from 'vitest';
import { JOE_KUO_DIMENSIONS, joeKuoEntry } from '../../src/experiment/design/joe-kuo-directions.js';

// Lines "d s a m_1 ... m_s" copied from the published new-joe-kuo-6.21201 text file.
const published = [
  '2 1 0 1',
  '3 2 1 1 3',
  '13 5 14 1 3 5 5 31',
  '64 9 62 1 1 3 13 25 47 39 87 257',
  '165 11 22 1 1 5 13 11 17 25 135 403 557 1433',
  '298 11 784 1 3 7 9 25 5 105 69 81 943 1459',
  '981 13 3280 1 3 1 7 21 1 21 203 101 417 1389 2751 1397',
  '1000 13 3396 1 1 3 9 3 3 105 201 373 877 919 1263 6649',
  '1024 13 3538 1 1 5 11 11 33 37 29 263 1019 657 1453 7807',
];

describe('Joe-Kuo direction-number table', () => {
  it.each(published)('matches the published line %s', (line) => {
    const [d, s, a, ...m] = line.split(' ').map(Number);
    expect(joeKuoEntry(d - 1)).toEqual({ s, a, m });
  });

  it('is internally consistent: m_k odd and below 2^k, degrees non-decreasing', () => {
    expect(JOE_KUO_DIMENSIONS).toBe(1023);
    let lastS = 0;
    for (let j = 1; j <= JOE_KUO_DIMENSIONS; j++) {
      const { s, a, m } = joeKuoEntry(j);
      expect(m.length).toBe(s);
      expect(a).toBeLessThan(2 ** Math.max(0, s - 1));
      m.forEach((mk, k) => {
        expect(mk % 2).toBe(1);
        expect(mk).toBeLessThan(2 ** (k + 1));
      });
      expect(s).toBeGreaterThanOrEqual(lastS);
      lastS = s;
    }
  });
});
