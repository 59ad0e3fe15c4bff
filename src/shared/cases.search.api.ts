import { z } from 'zod';
import { caseSummaryOut } from './cases.api.js';

/**
 * Finding her again (issue 10): the name or the phone number she gives
 * when she calls back. Sent in a POST body, never in a URL: a URL ends up
 * in the browser's history and in the access logs of proxies.
 */
export const caseSearch = z.object({ q: z.string().trim().min(2).max(100) }).strict();
export type CaseSearch = z.infer<typeof caseSearch>;

/** At most this many cases, best matches first. */
export const CASE_SEARCH_LIMIT = 20;

export const caseSearchOut = z.object({
  /** Summaries as in the caseload, only of cases whose identity section she holds. */
  items: z.array(caseSummaryOut),
  /** More cases matched than are shown: she should say more (the surname, the whole number). */
  more: z.boolean(),
});
