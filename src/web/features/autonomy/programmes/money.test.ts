import { describe, expect, it } from 'vitest';
import { formatEuro, parseEuro } from './money';

describe('euros typed by a person, as integer cents', () => {
  it.each([
    ['300', 30_000],
    ['1.234,50', 123_450],
    ['1,234.50', 123_450],
    ['1234.5', 123_450],
    ['1.500', 150_000],
    ['€ 3.000,00', 300_000],
    ['0,07', 7],
    ['12 000', 1_200_000],
  ])('%s → %i', (text, cents) => expect(parseEuro(text)).toBe(cents));

  it.each(['', 'abc', '1,234,5678', '-5', '1.2.3,456', '1.234,5,6', '1,234.567.8'])('%s is not an amount with at most two decimals', (text) => {
    expect(parseEuro(text)).toBeNull();
  });

  it('formats in the UI language', () => {
    expect(formatEuro(12_345_650, 'it')).toMatch(/123\.456,50/);
    expect(formatEuro(12_345_650, 'en')).toMatch(/123,456\.50/);
  });
});
