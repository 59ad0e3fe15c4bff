import { differenceInYears, parseISO } from 'date-fns';
import { eq } from 'drizzle-orm';
import type { ConsentCreate } from '../../../shared/cases.api.js';
import { type ConsentGiver, MINOR_OWN_CONSENT_AGE, minorOwnConsentPurposes } from '../../../shared/minors.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { DbOrTx } from '../../platform/db.js';
import { caseMinors } from './minors.tables.js';

/**
 * Her age on a day, from her age in years on the day it was recorded:
 * whole years only, so never older than she may be (a birthday between the
 * two days is not assumed) — the consent rule errs on the side of a
 * younger girl.
 */
export function ageOnDay(age: number, ageOn: string, day: string): number {
  return age + differenceInYears(parseISO(day), parseISO(ageOn));
}

/**
 * Who may give a consent on this case (docs/minors.md, "Consents"):
 * - an adult's case (no minor record, or she has turned 18 by the day it
 *   was given): she herself; `givenBy` absent or `interessata`;
 * - a minor's case: `givenBy` is required —
 *   - `interessata`: from 14, for contact and anonymous statistics only
 *     (taking charge and sharing need whoever holds parental
 *     responsibility); under 14, never alone;
 *   - `titolare`: a holder recorded in the minor record (`holderId`), never
 *     one recorded as the author of the violence;
 *   - `curatore_speciale`, `servizio_affidatario`, `tribunale`: whoever the
 *     court appointed or authorised, when no holder may (every holder the
 *     author, or absent).
 * Returns the field issues and who gave it, as stored.
 */
export async function consentGiverCheck(db: DbOrTx, caseId: string, input: ConsentCreate): Promise<{ issues: FieldIssue[]; givenBy: ConsentGiver; holderId: string | null }> {
  const issues: FieldIssue[] = [];
  const [minor] = await db.select({ age: caseMinors.age, ageOn: caseMinors.ageOn, holders: caseMinors.holders }).from(caseMinors).where(eq(caseMinors.caseId, caseId));
  const givenBy = input.givenBy ?? (minor ? undefined : 'interessata');
  if (input.holderId && givenBy !== 'titolare') issues.push({ pointer: '/body/holderId', code: 'not_allowed' });
  const adult = !minor || ageOnDay(minor.age, minor.ageOn, input.givenOn) >= 18;
  if (adult) {
    if (givenBy !== 'interessata') issues.push({ pointer: '/body/givenBy', code: 'not_minor' });
    return { issues, givenBy: 'interessata', holderId: null };
  }
  if (!givenBy) {
    issues.push({ pointer: '/body/givenBy', code: 'required' });
    return { issues, givenBy: 'interessata', holderId: null };
  }
  if (givenBy === 'interessata') {
    if (ageOnDay(minor.age, minor.ageOn, input.givenOn) < MINOR_OWN_CONSENT_AGE) issues.push({ pointer: '/body/givenBy', code: 'minor_under_14' });
    else if (!(minorOwnConsentPurposes as readonly string[]).includes(input.purpose)) issues.push({ pointer: '/body/givenBy', code: 'needs_parental_consent' });
  }
  if (givenBy === 'titolare') {
    const holder = input.holderId ? minor.holders.find((h) => h.id === input.holderId) : undefined;
    if (!input.holderId) issues.push({ pointer: '/body/holderId', code: 'required' });
    else if (!holder) issues.push({ pointer: '/body/holderId', code: 'unknown_holder' });
    // The author of the violence never consents for her (docs/minors.md).
    else if (holder.isAuthor) issues.push({ pointer: '/body/holderId', code: 'author_cannot_consent' });
  }
  return { issues, givenBy, holderId: givenBy === 'titolare' ? (input.holderId ?? null) : null };
}
