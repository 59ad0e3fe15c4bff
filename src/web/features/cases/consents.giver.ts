import { caseCodeLabel } from '../../../shared/cases.labels';
import type { MinorOut } from '../../../shared/minors.api';
import type { Consent } from './cases.parts.types';

type Translate = (key: 'cases.consents.givenBy' | 'cases.consents.givenByHolder', options: { giver: string; holder?: string }) => string;

/**
 * On a minor's case, who gave a consent (docs/minors.md, "Consents"): the
 * giver's label and, for a holder of parental responsibility, which one
 * (relation, and name when the minor record gives one). Null on an adult's
 * case (no minor record given: the consent is hers) or when none was
 * recorded. The record is passed only to whoever holds the `minor`
 * section, so the ledger says no more than the Minorenne tab.
 */
export function consentGiverText(c: Pick<Consent, 'givenBy' | 'holderId'>, minor: Pick<NonNullable<MinorOut['record']>, 'holders'> | null, lang: 'it' | 'en', t: Translate): string | null {
  if (!minor || !c.givenBy) return null;
  const giver = caseCodeLabel('consentGiver', c.givenBy, lang);
  const holder = c.holderId ? minor.holders.find((h) => h.id === c.holderId) : undefined;
  if (!holder) return t('cases.consents.givenBy', { giver });
  return t('cases.consents.givenByHolder', { giver, holder: `${caseCodeLabel('holderRelation', holder.relation, lang)}${holder.name ? ` — ${holder.name}` : ''}` });
}
