import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReferralCreate, ReferralDecline, ReferralsQuery } from '../../../shared/referrals.api';
import { request, api } from '../../api/client';
import { caseKey, casePath, ifMatch } from '../cases/cases.api';
import type { Box, CaseReferrals, Referral, ReferralList, ReferralPendingCount } from './referrals.types';

/**
 * The referrals API (src/server/modules/referrals; routes listed in
 * src/shared/referrals.api.ts). Lists name cases (each listing is audited
 * on the server): nothing here refetches behind her back.
 */

export const referralsKey = ['referrals'] as const;
const path = (id: string) => `/api/referrals/${encodeURIComponent(id)}`;

export function useReferralList(box: Box, query: Partial<ReferralsQuery>) {
  return useQuery({
    queryKey: [...referralsKey, box, query],
    queryFn: ({ signal }) => api.get<ReferralList>(`/api/referrals/${box}`, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * The referrals her organisation has to answer, for the navigation's
 * number: the count route (how many wait, how many of them urgent), which
 * reads no case and writes no audit row. Read again after a decision and
 * at most every five minutes while she moves around.
 */
export function usePendingCount(enabled: boolean) {
  return useQuery({
    queryKey: [...referralsKey, 'inbox', 'pending'],
    queryFn: ({ signal }) => api.get<ReferralPendingCount>('/api/referrals/inbox/count', { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useReferral(id: string | undefined) {
  return useQuery({
    queryKey: [...referralsKey, 'one', id ?? ''],
    queryFn: ({ signal }) => api.get<Referral>(path(id ?? ''), { signal }),
    enabled: !!id,
  });
}

/** The case's referrals and the consents a new one may rest on (the owning organisation's team). */
const caseReferralsKey = (caseId: string) => [...caseKey(caseId), 'referrals'] as const;

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: caseReferralsKey(caseId),
    queryFn: ({ signal }) => api.get<CaseReferrals>(`${casePath(caseId)}/referrals`, { signal }),
  });
}

/** `key`: one Idempotency-Key per submission, so a repeated click or a retry after a lost answer creates one referral. */
export function createReferral(caseId: string, body: ReferralCreate, key: string): Promise<Referral> {
  return request<Referral>('POST', `${casePath(caseId)}/referrals`, { body, headers: { 'Idempotency-Key': key } });
}

export function acceptReferral(r: Referral): Promise<Referral> {
  return request<Referral>('POST', `${path(r.id)}/accept`, { headers: ifMatch(r.version) });
}

export function declineReferral(r: Referral, body: ReferralDecline): Promise<Referral> {
  return request<Referral>('POST', `${path(r.id)}/decline`, { body, headers: ifMatch(r.version) });
}

export function withdrawReferral(r: Pick<Referral, 'id' | 'version'>): Promise<Referral> {
  return request<Referral>('POST', `${path(r.id)}/withdraw`, { headers: ifMatch(r.version) });
}

/**
 * After a referral changed: the lists, the navigation's number, the one
 * referral and the case's referrals are read again; an accepted one opens
 * the case to her organisation, so the case itself too.
 */
export function useReferralChanged() {
  const client = useQueryClient();
  return (r?: Pick<Referral, 'id' | 'case'>) => {
    void client.invalidateQueries({ queryKey: referralsKey });
    if (r) void client.invalidateQueries({ queryKey: caseKey(r.case.id) });
  };
}
