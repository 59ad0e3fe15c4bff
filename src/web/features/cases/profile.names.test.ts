import { describe, expect, it } from 'vitest';
import { countryFromText, countryOptions, matchCountries } from './profile.names';

describe('the citizenship country, by name', () => {
  const it_ = countryOptions('it');

  it('finds Morocco by its Italian name in any case, by its beginning, and by its English name', () => {
    for (const typed of ['Marocco', 'marocco', 'Maroc', 'MAROCCO', 'Morocco']) {
      expect(matchCountries(it_, typed).map((o) => o.value)[0], typed).toBe('MA');
    }
  });

  it('shows Italian names, and English ones in English', () => {
    expect(it_.find((o) => o.value === 'MA')?.label).toBe('Marocco');
    expect(countryOptions('en').find((o) => o.value === 'MA')?.label).toBe('Morocco');
  });

  it('saves the code of a full name or of a code typed in capitals, and keeps anything else as typed for the schema to refuse', () => {
    expect(countryFromText(it_, ' marocco ')).toBe('MA');
    expect(countryFromText(it_, 'Costa d’Avorio')).toBe('CI');
    expect(countryFromText(it_, 'RO')).toBe('RO');
    expect(countryFromText(it_, 'Ma')).toBe('Ma');
    expect(countryFromText(it_, 'QQ')).toBe('QQ');
  });

  it('offers nothing for an empty text', () => {
    expect(matchCountries(it_, '  ')).toEqual([]);
  });
});
