import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type {
  PlacementRequestCreate,
  PlacementRequestUpdate,
  matchListOut,
  placementRequestListOut,
  placementRequestOut,
  proposalListOut,
  proposalOut,
} from '../../../../shared/shelters.requests.api';
import type { PlacementClosedReason, PlacementDeclineReason } from '../../../../shared/shelters';
import { api, request, withQuery } from '../../../api/client';

/**
 * Placement requests and the structures' inbox (routes listed in
 * src/shared/shelters.requests.api.ts). Reading a request or a proposal is
 * audited: nothing here refetches one behind her back.
 */

export type PlacementRequest = Json<z.output<typeof placementRequestOut>>;
export type PlacementRequestList = Json<z.output<typeof placementRequestListOut>>;
export type MatchList = Json<z.output<typeof matchListOut>>;
export type Match = MatchList['items'][number];
export type Proposal = Json<z.output<typeof proposalOut>>;
export type ProposalList = Json<z.output<typeof proposalListOut>>;

export const requestsKey = ['shelters', 'requests'] as const;
export const proposalsKey = ['shelters', 'proposals'] as const;
const reqPath = (id: string) => `/api/shelters/requests/${encodeURIComponent(id)}`;
const propPath = (id: string) => `/api/shelters/proposals/${encodeURIComponent(id)}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const once = { refetchOnWindowFocus: false } as const;

export function useRequests(state: string | null) {
  return useQuery({
    queryKey: [...requestsKey, 'list', state ?? ''],
    queryFn: ({ signal }) => api.get<PlacementRequestList>(withQuery('/api/shelters/requests', { state: state ?? undefined }), { signal }),
    ...once,
  });
}

export function useRequest(id: string | undefined) {
  return useQuery({ queryKey: [...requestsKey, 'one', id ?? ''], queryFn: ({ signal }) => api.get<PlacementRequest>(reqPath(id ?? ''), { signal }), enabled: !!id, ...once });
}

/** The ranked structures, read when she asks (each reading is audited). */
export function useMatches(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...requestsKey, 'matches', id], queryFn: ({ signal }) => api.get<MatchList>(`${reqPath(id)}/matches`, { signal }), enabled, ...once });
}

export function useProposals(state: string | null) {
  return useQuery({
    queryKey: [...proposalsKey, 'list', state ?? ''],
    queryFn: ({ signal }) => api.get<ProposalList>(withQuery('/api/shelters/proposals', { state: state ?? undefined }), { signal }),
    ...once,
  });
}

export function useProposal(id: string | undefined) {
  return useQuery({ queryKey: [...proposalsKey, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Proposal>(propPath(id ?? ''), { signal }), enabled: !!id, ...once });
}

/** A random key per form submission: a retried creation or acceptance makes nothing twice. */
export const newIdempotencyKey = () => `web-${crypto.randomUUID()}`;

export function useRequestWrites() {
  const client = useQueryClient();
  const settle = (r: PlacementRequest) => {
    client.setQueryData([...requestsKey, 'one', r.id], r);
    void client.invalidateQueries({ queryKey: [...requestsKey, 'list'] });
    void client.invalidateQueries({ queryKey: [...requestsKey, 'matches', r.id] });
    return r;
  };
  return {
    create: (body: PlacementRequestCreate, key: string) => request<PlacementRequest>('POST', '/api/shelters/requests', { body, headers: { 'Idempotency-Key': key } }).then(settle),
    update: (r: PlacementRequest, body: PlacementRequestUpdate) => request<PlacementRequest>('PATCH', reqPath(r.id), { body, headers: ifMatch(r.version) }).then(settle),
    close: (r: PlacementRequest, reason: PlacementClosedReason) => request<PlacementRequest>('POST', `${reqPath(r.id)}/close`, { body: { reason }, headers: ifMatch(r.version) }).then(settle),
    propose: (r: PlacementRequest, structureId: string) => request<PlacementRequest>('POST', `${reqPath(r.id)}/proposals`, { body: { structureId }, headers: ifMatch(r.version) }).then(settle),
    withdraw: async (r: PlacementRequest, proposal: { id: string; version: number }) => {
      await request<Proposal>('POST', `${propPath(proposal.id)}/withdraw`, { headers: ifMatch(proposal.version) });
      await client.invalidateQueries({ queryKey: [...requestsKey, 'one', r.id] });
    },
  };
}

export function useProposalWrites() {
  const client = useQueryClient();
  const settle = (p: Proposal) => {
    client.setQueryData([...proposalsKey, 'one', p.id], p);
    void client.invalidateQueries({ queryKey: [...proposalsKey, 'list'] });
    return p;
  };
  return {
    accept: (p: Proposal, key: string) => request<Proposal>('POST', `${propPath(p.id)}/accept`, { headers: { ...ifMatch(p.version), 'Idempotency-Key': key } }).then(settle),
    decline: (p: Proposal, reason: PlacementDeclineReason, note: string | undefined) =>
      request<Proposal>('POST', `${propPath(p.id)}/decline`, { body: { reason, ...(note ? { note } : {}) }, headers: ifMatch(p.version) }).then(settle),
  };
}
