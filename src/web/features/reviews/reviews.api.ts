import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  actionCreate,
  actionPatch,
  itemCreate,
  itemPatch,
  reviewActionOut,
  reviewCreate,
  reviewCreatedOut,
  reviewNetworksOut,
  reviewOut,
  reviewPatch,
  reviewSavedOut,
  reviewsOut,
  reviewTasksOut,
} from '../../../shared/reviews.api';
import { api, request } from '../../api/client';

/**
 * Multi-agency case reviews (src/server/modules/reviews, docs/reviews.md).
 * Every body and answer is typed from the shared schemas
 * (src/shared/reviews.api.ts). Dates travel as ISO strings; each read of a
 * review is audited per case shown, so a review is read only while its
 * page is open.
 */

export type Review = z.output<typeof reviewOut>;
export type ReviewSummary = z.output<typeof reviewsOut>['items'][number];
export type ReviewAction = z.output<typeof reviewActionOut>;
export type ReviewNetwork = z.output<typeof reviewNetworksOut>['items'][number];
type Created = z.output<typeof reviewCreatedOut>;
type Saved = z.output<typeof reviewSavedOut>;

export const reviewsKey = ['reviews'] as const;
const path = (id: string) => `/api/reviews/${encodeURIComponent(id)}`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useReviews() {
  return useQuery({ queryKey: [...reviewsKey, 'list'], queryFn: ({ signal }) => api.get<z.output<typeof reviewsOut>>('/api/reviews', { signal }) });
}

export function useReview(id: string | undefined) {
  return useQuery({ queryKey: [...reviewsKey, 'one', id ?? ''], queryFn: ({ signal }) => api.get<Review>(path(id ?? ''), { signal }), enabled: !!id });
}

export function useReviewTasks() {
  return useQuery({ queryKey: [...reviewsKey, 'tasks'], queryFn: ({ signal }) => api.get<z.output<typeof reviewTasksOut>>('/api/reviews/tasks', { signal }) });
}

export function useReviewNetworks() {
  return useQuery({ queryKey: [...reviewsKey, 'networks'], queryFn: ({ signal }) => api.get<z.output<typeof reviewNetworksOut>>('/api/reviews/networks', { signal }) });
}

export function createReview(body: z.input<typeof reviewCreate>): Promise<Review> {
  return request<Review>('POST', '/api/reviews', { body });
}

export function patchReview(current: { id: string; version: number }, body: z.input<typeof reviewPatch>): Promise<Review> {
  return request<Review>('PATCH', path(current.id), { body, headers: ifMatch(current.version) });
}

export function bringCase(reviewId: string, body: z.input<typeof itemCreate>): Promise<Created> {
  return request<Created>('POST', `${path(reviewId)}/items`, { body });
}

export function updateBrief(reviewId: string, item: { id: string; version: number }, body: z.input<typeof itemPatch>): Promise<Saved> {
  return request<Saved>('PUT', `${path(reviewId)}/items/${encodeURIComponent(item.id)}`, { body, headers: ifMatch(item.version) });
}

export function withdrawCase(reviewId: string, itemId: string): Promise<void> {
  return request<void>('DELETE', `${path(reviewId)}/items/${encodeURIComponent(itemId)}`);
}

export function createAction(reviewId: string, body: z.input<typeof actionCreate>): Promise<Created> {
  return request<Created>('POST', `${path(reviewId)}/actions`, { body });
}

export function setActionStatus(action: ReviewAction, status: z.input<typeof actionPatch>['status']): Promise<Saved> {
  const body: z.input<typeof actionPatch> = { status };
  return request<Saved>('PATCH', `${path(action.reviewId)}/actions/${encodeURIComponent(action.id)}`, { body, headers: ifMatch(action.version) });
}
