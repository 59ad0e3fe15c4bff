import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PublicLanguage } from '../../../shared/directory';
import type { Json } from '../../../shared/json';
import type { callCreate, callCreated, callSummaryOut, transferAnswerOut } from '../../../shared/routing.api';
import { api, withQuery } from '../../api/client';

/** Shapes of the 1522 routing answers and requests (src/shared/routing.api.ts). */

export type TransferAnswer = Json<z.output<typeof transferAnswerOut>>;

/**
 * A call's language on this screen: one of the languages 1522 answers in,
 * or `und` (ISO 639-2 "undetermined") when the caller speaks another one,
 * so the count stays true instead of being filed under a wrong language.
 * (The API takes any ISO 639 code: the helpline's own software may send others.)
 */
export type CallLanguage = PublicLanguage | 'und';

export type NewCall = z.input<typeof callCreate>;

export type CallSummary = Json<z.output<typeof callSummaryOut>>;
export type NetworkCalls = CallSummary['networks'][number];
/** A count, or null when it is a small cell suppressed by the server. */
export type Shown = NetworkCalls['total'];
export type Quarter = Pick<CallSummary['period'], 'year' | 'quarter'>;

/**
 * One lookup per search: `lookup` changes with every search, so asking
 * again for the same comune gets a fresh answer for this instant (opening
 * hours move on) instead of a cached one. Never refetched behind her back:
 * each lookup is audited. The answer carries the message in every public
 * language, so her language may be chosen before or after the comune
 * without asking again.
 */
export function useTransfer(params: { comune: string; lookup: number } | null) {
  return useQuery({
    queryKey: ['routing', 'transfer', params],
    queryFn: ({ signal }) => api.get<TransferAnswer>('/api/routing/transfer', { query: { comune: params?.comune, messages: 'all' }, signal }),
    enabled: params !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

/** Withdraws her own call record within a minute of recording it (a wrong button). */
export function withdrawCall(id: number): Promise<void> {
  return api.delete<void>(`/api/routing/calls/${id}`);
}

export function recordCall(body: NewCall): Promise<z.output<typeof callCreated>> {
  return api.post<z.output<typeof callCreated>>('/api/routing/calls', body);
}

export function useCallSummary(q: Quarter) {
  return useQuery({
    queryKey: ['routing', 'calls', q],
    queryFn: ({ signal }) => api.get<CallSummary>('/api/routing/calls/summary', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The export is a plain download link: a GET with the session cookie, no script needed. */
export function exportUrl(q: Quarter & { network?: string | undefined }, format: 'csv' | 'xlsx'): string {
  return withQuery('/api/routing/calls/export', { year: q.year, quarter: q.quarter, network: q.network, format });
}
