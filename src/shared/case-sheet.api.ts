import { z } from 'zod';
import { caseSections } from './cases.js';

/** The most events a printed sheet lists (newest first); the sheet says when there are more. */
export const SHEET_MAX_EVENTS = 500;

/**
 * Which sections of a case to print: comma-separated section codes (e.g.
 * `identity,plan`); none means every section she holds. The case itself
 * (code, stage, dates, risk, team as she sees it) is always printed.
 */
export const caseSheetQuery = z.object({
  sections: z
    .string()
    .max(200)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(','))] : undefined))
    .pipe(z.array(z.enum(caseSections)).min(1).optional()),
});
export type CaseSheetQuery = z.input<typeof caseSheetQuery>;

/** The address of a case's printable sheet, as the web links to it. */
export const caseSheetPath = (caseId: string, sections?: readonly string[]) =>
  `/api/cases/${encodeURIComponent(caseId)}/sheet.pdf${sections?.length ? `?sections=${sections.map(encodeURIComponent).join(',')}` : ''}`;
