import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../../shared/json';
import type { routingTokenAccounts, routingTokenCreate, routingTokenCreated, routingTokenList } from '../../../../shared/routing.api';
import { api } from '../../../api/client';

/** Shapes of the 1522 API token answers (src/shared/routing.api.ts). */
export type ApiToken = Json<z.output<typeof routingTokenList>>['items'][number];
export type TokenAccount = Json<z.output<typeof routingTokenAccounts>>['items'][number];
export type CreatedToken = Json<z.output<typeof routingTokenCreated>>;
export type NewToken = z.output<typeof routingTokenCreate>;

export const tokensKey = ['routing', 'tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: [...tokensKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: ApiToken[] }>('/api/routing/tokens', { signal }),
  });
}

/** The helpline operator accounts a new token may act as. */
export function useTokenAccounts() {
  return useQuery({
    queryKey: [...tokensKey, 'accounts'],
    queryFn: ({ signal }) => api.get<{ items: TokenAccount[] }>('/api/routing/tokens/accounts', { signal }),
  });
}

export function createToken(body: NewToken): Promise<CreatedToken> {
  return api.post<CreatedToken>('/api/routing/tokens', body);
}

export function revokeToken(id: string): Promise<unknown> {
  return api.delete(`/api/routing/tokens/${encodeURIComponent(id)}`);
}
