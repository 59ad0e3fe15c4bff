import type { z } from 'zod';
import type { caseSearchOut } from '../../../shared/cases.search.api';
import type { Json } from '../../../shared/json';
import { api } from '../../api/client';

/** The cases found by her name or phone number (server: src/server/modules/cases/search.routes.ts). */
export type CaseSearchResult = Json<z.output<typeof caseSearchOut>>;

/**
 * A POST, not a query: what she said travels in the body, never in a URL
 * (browser history, proxies' logs), and nothing is cached — each search is
 * audited on the server.
 */
export function searchCases(q: string): Promise<CaseSearchResult> {
  return api.post<CaseSearchResult>('/api/cases/search', { q });
}
