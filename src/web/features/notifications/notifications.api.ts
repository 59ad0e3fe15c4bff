import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Json } from '../../../shared/json';
import type { markedOut, notificationKinds, notificationOut, notificationPreferences, notificationPreferencesOut, notificationsOut, unreadCountOut } from '../../../shared/notifications.api';
import { api } from '../../api/client';

export type Notification = Json<z.output<typeof notificationOut>>;
export type NotificationKind = (typeof notificationKinds)[number];
type NotificationsPage = Json<z.output<typeof notificationsOut>>;
type UnreadCount = z.output<typeof unreadCountOut>;
export type Preferences = z.output<typeof notificationPreferencesOut>;
export type PreferencesInput = z.input<typeof notificationPreferences>;

export const notificationsKey = ['notifications'] as const;
export const unreadKey = [...notificationsKey, 'unread'] as const;

export interface NotificationFilters {
  status: 'unread' | 'all';
  kind: NotificationKind | '';
  page: number;
}

/** One page of her notification centre (each read audited: no polling here). */
export function useNotifications(filters: NotificationFilters, pageSize: number) {
  return useQuery({
    queryKey: [...notificationsKey, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<NotificationsPage>('/api/notifications', { query: { status: filters.status, kind: filters.kind || undefined, page: filters.page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The bell's number (not audited on the server; refreshed by the bell itself, see NotificationBell). */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: unreadKey,
    queryFn: ({ signal }) => api.get<UnreadCount>('/api/notifications/unread-count', { signal }),
    enabled,
    staleTime: 30_000,
  });
}

export const markRead = (id: string) => api.post<Notification>(`/api/notifications/${id}/read`);
export const markAllRead = (kind: NotificationKind | '') => api.post<Json<z.output<typeof markedOut>>>('/api/notifications/read-all', kind ? { kind } : {});

export function usePreferences() {
  return useQuery({
    queryKey: [...notificationsKey, 'preferences'],
    queryFn: ({ signal }) => api.get<Preferences>('/api/notifications/preferences', { signal }),
  });
}
export const savePreferences = (input: PreferencesInput) => api.put<Preferences>('/api/notifications/preferences', input);
