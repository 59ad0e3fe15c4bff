import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CallOutcome, PublicLanguage } from '../../../shared/directory';
import { api, withQuery } from '../../api/client';

/** Shapes of the 1522 routing answers (src/server/modules/routing/routing.routes.ts). */

export interface NamedRef {
  id: string;
  name: string;
}

export interface TransferReferent {
  id: string;
  name: string;
  /** A reserved referent comes without contacts: its numbers are for the transfer only. */
  visibility: 'public' | 'reserved';
  organisation: NamedRef;
  comune: { istatCode: string; name: string };
  address: string | null;
  phones: string[];
  email: string | null;
  openingHours: string | null;
  phoneHours: string | null;
  h24: boolean;
  phoneOpenNow: boolean;
  openNow: boolean;
  closesAt: string | null;
  /** Only with action "transfer": the reserved number to transfer the call to. */
  transferPhone: string | null;
}

export interface TransferAnswer {
  comune: { istatCode: string; name: string; provinceSigla: string };
  at: string;
  action: 'transfer' | 'inform';
  emergency: '112';
  helpline: '1522';
  /** The network covering the comune; null when none does. */
  network: NamedRef | null;
  /** The comune is outside every network: the nearest one (the public answer's shape). */
  nearestNetwork: (NamedRef & { distanceKm: number }) | null;
  referent: TransferReferent | null;
  /** When the referent's phone line opens next (not its in-person opening). */
  nextOpening: { at: string; sportello: NamedRef; kind: 'phone' } | null;
  message: { lang: PublicLanguage; text: string }[];
}

/**
 * A call's language: one of the languages 1522 answers in, or `und`
 * (ISO 639-2 "undetermined") when the caller speaks another one, so the
 * count stays true instead of being filed under a wrong language.
 */
export type CallLanguage = PublicLanguage | 'und';

export interface NewCall {
  comune: string;
  outcome: CallOutcome;
  language: CallLanguage;
  sportelloId?: string;
}

/** A count, or null when it is a small cell suppressed by the server. */
export type Shown = number | null;

export interface NetworkCalls {
  network: NamedRef | null;
  total: Shown;
  outcomes: Record<CallOutcome, Shown>;
  comuni: { istatCode: string; name: string; total: Shown }[];
}

export interface CallSummary {
  period: { year: number; quarter: number; from: string; to: string };
  /** Counts from 1 to threshold - 1 are null. */
  threshold: number;
  networks: NetworkCalls[];
}

export interface Quarter {
  year: number;
  quarter: number;
}

/**
 * One lookup per search: `lookup` changes with every search, so asking
 * again for the same comune gets a fresh answer for this instant (opening
 * hours move on) instead of a cached one. Never refetched behind her back:
 * each lookup is audited.
 */
export function useTransfer(params: { comune: string; lang: PublicLanguage; lookup: number } | null) {
  return useQuery({
    queryKey: ['routing', 'transfer', params],
    queryFn: ({ signal }) =>
      api.get<TransferAnswer>('/api/routing/transfer', {
        query: { comune: params?.comune, lang: params?.lang === 'it' ? undefined : params?.lang },
        signal,
      }),
    enabled: params !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function recordCall(body: NewCall): Promise<{ id: number }> {
  return api.post<{ id: number }>('/api/routing/calls', body);
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
