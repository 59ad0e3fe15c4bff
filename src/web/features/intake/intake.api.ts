import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type {
  IntakeCreate,
  intakeConvertedOut,
  intakeDeclineReasons,
  intakeInboxListOut,
  intakeInboxOut,
  intakeRecipientsOut,
  intakeSentListOut,
  intakeSentOut,
  intakeSources,
  intakeStatuses,
  intakeUrgencies,
} from '../../../shared/intake.api';
import { api, request } from '../../api/client';

/** Inbound referrals (docs/intake.md): the sender's list and form, the CAV's inbox. */

export type SentReferral = Json<z.output<typeof intakeSentOut>>;
export type SentList = Json<z.output<typeof intakeSentListOut>>;
export type Inbound = Json<z.output<typeof intakeInboxOut>>;
export type InboxList = Json<z.output<typeof intakeInboxListOut>>;
export type Recipients = z.output<typeof intakeRecipientsOut>;
export type Converted = z.output<typeof intakeConvertedOut>;
export type IntakeStatus = (typeof intakeStatuses)[number];
export type IntakeUrgency = (typeof intakeUrgencies)[number];
export type IntakeSource = (typeof intakeSources)[number];
export type DeclineReason = (typeof intakeDeclineReasons)[number];

export const intakeKey = ['intake'] as const;

/** The CAVs she may send to, the one covering her comune suggested. */
export function useRecipients(comuneCode: string | null) {
  return useQuery({
    queryKey: [...intakeKey, 'recipients', comuneCode],
    queryFn: ({ signal }) => api.get<Recipients>('/api/intake/recipients', { query: { comuneCode: comuneCode ?? undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** `key`: one Idempotency-Key per body, so a double tap or a retry after a lost answer sends one referral. */
export function sendIntake(body: IntakeCreate, key: string) {
  return request<SentReferral>('POST', '/api/intake/sent', { body, headers: { 'Idempotency-Key': key } });
}

export function useSent(query: { status?: IntakeStatus | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...intakeKey, 'sent', query],
    queryFn: ({ signal }) => api.get<SentList>('/api/intake/sent', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInbox(query: { status?: IntakeStatus | undefined; urgency?: IntakeUrgency | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...intakeKey, 'inbox', query],
    queryFn: ({ signal }) => api.get<InboxList>('/api/intake/inbox', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useInbound(id: string) {
  return useQuery({ queryKey: [...intakeKey, 'inbound', id], queryFn: ({ signal }) => api.get<Inbound>(`/api/intake/inbox/${id}`, { signal }) });
}

export const recordAttempt = (id: string) => api.post<Inbound>(`/api/intake/inbox/${id}/attempts`);
export const declineInbound = (id: string, reason: DeclineReason) => api.post<Inbound>(`/api/intake/inbox/${id}/decline`, { reason });
export const convertInbound = (id: string) => api.post<Converted>(`/api/intake/inbox/${id}/case`);

/** After a change: every intake list and the changed referral read again. */
export function useIntakeChanged() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: intakeKey });
}
