import { z } from 'zod';
import { redditoChecks, redditoFieldsBase as base } from '../../../../shared/autonomy.reddito.api';
import { blank, blankNumber } from '../../../ui/form';
import type { RedditoApplication } from './reddito.api';

/**
 * The checklist's form checks with the API's schema (src/shared/autonomy.reddito.api.ts):
 * an empty date or choice is a step not reached yet; months paid empty is none.
 */
export const redditoForm = redditoChecks(
  base.extend({
    cavStatementOn: blank(base.shape.cavStatementOn),
    cavOrganisationId: blank(base.shape.cavOrganisationId),
    socialStatementOn: blank(base.shape.socialStatementOn),
    socialOrganisationId: blank(base.shape.socialOrganisationId),
    filedOn: blank(base.shape.filedOn),
    outcome: blank(base.shape.outcome),
    outcomeOn: blank(base.shape.outcomeOn),
    monthsPaid: blankNumber(base.shape.monthsPaid),
  }),
);
export type RedditoFormValues = z.input<typeof redditoForm>;

/** What the fields hold for an application (empty strings for the steps not reached). */
export function formValuesOf(a: RedditoApplication | null): RedditoFormValues {
  const empty = (v: string | null | undefined) => v ?? '';
  return {
    cavStatementOn: empty(a?.cavStatementOn),
    cavOrganisationId: empty(a?.cavOrganisation?.id),
    socialStatementOn: empty(a?.socialStatementOn),
    socialOrganisationId: empty(a?.socialOrganisation?.id),
    filedOn: empty(a?.filedOn),
    outcome: empty(a?.outcome),
    outcomeOn: empty(a?.outcomeOn),
    monthsPaid: String(a?.monthsPaid ?? 0),
  } as RedditoFormValues;
}

/** An amount in integer cents as euro, in the UI's language. */
export function formatEuro(cents: number, lang: 'it' | 'en'): string {
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
