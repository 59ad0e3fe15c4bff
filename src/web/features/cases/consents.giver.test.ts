import { describe, expect, it } from 'vitest';
import it_ from '../../i18n/it.json';
import { consentGiverText } from './consents.giver';

/** The Italian strings with their {{placeholders}} filled, as i18next does. */
const t = (key: 'cases.consents.givenBy' | 'cases.consents.givenByHolder', options: Record<string, string | undefined>) =>
  it_.cases.consents[key.split('.').at(-1) as 'givenBy' | 'givenByHolder'].replace(/\{\{(\w+)\}\}/g, (_, k: string) => options[k] ?? '');

const mother = { id: '00000000-0000-4000-8000-000000000001', relation: 'madre' as const, isAuthor: false, informed: true, name: 'Clelia Fortebracci', contact: null };
const minor = { holders: [mother] };

describe('who gave a consent, in the ledger', () => {
  it('names the holder of parental responsibility by relation and name on a minor’s case', () => {
    expect(consentGiverText({ givenBy: 'titolare', holderId: mother.id }, minor, 'it', t)).toBe('Consenso dato da: Chi ha la responsabilità genitoriale (Madre — Clelia Fortebracci).');
    expect(consentGiverText({ givenBy: 'titolare', holderId: mother.id }, { holders: [{ ...mother, name: null }] }, 'it', t)).toBe('Consenso dato da: Chi ha la responsabilità genitoriale (Madre).');
  });

  it('says the girl herself or the court’s appointee', () => {
    expect(consentGiverText({ givenBy: 'interessata', holderId: null }, minor, 'it', t)).toBe('Consenso dato da: Lei stessa.');
    expect(consentGiverText({ givenBy: 'curatore_speciale', holderId: null }, minor, 'it', t)).toBe('Consenso dato da: Curatore o curatrice speciale.');
  });

  it('says nothing on an adult’s case, to a reader without the minor section, or when nobody was recorded', () => {
    expect(consentGiverText({ givenBy: 'interessata', holderId: null }, null, 'it', t)).toBeNull();
    expect(consentGiverText({ givenBy: null, holderId: null }, minor, 'it', t)).toBeNull();
  });
});
