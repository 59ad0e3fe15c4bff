import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  markedOut,
  notificationKinds,
  notificationOut,
  notificationPreferences,
  notificationPreferencesOut,
  notificationsOut,
  notificationsQuery,
  unreadCountOut,
} from '../../../shared/notifications.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { defineNotificationJobs } from './notifications.jobs.js';
import * as service from './notifications.service.js';

const access = { access: { action: 'notification.own' } };

/** Her notification centre: only her own notifications, and of those only what points to something she may still open. */
export function notificationsRoutes(ctx: AppContext) {
  // Jobs are defined at app build time, before the app starts them.
  defineNotificationJobs(ctx);
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['notifications'];

    r.get(
      '/api/notifications',
      { schema: { tags, summary: 'Her notifications, newest first (unread by default; of one kind if asked)', querystring: notificationsQuery, response: { 200: notificationsOut } }, config: access },
      async (request) => service.listNotifications(ctx, scopeOf(request), request.query, request.id),
    );

    r.get(
      '/api/notifications/unread-count',
      { schema: { tags, summary: 'How many of hers are unread (polled by the bell: cheap, and not audited)', response: { 200: unreadCountOut } }, config: access },
      async (request) => service.unreadCount(ctx, scopeOf(request)),
    );

    r.post(
      '/api/notifications/:id/read',
      { schema: { tags, summary: 'Mark one of hers read (404 for anyone else’s)', params: z.object({ id: z.uuid() }), response: { 200: notificationOut } }, config: access },
      async (request) => service.markRead(ctx, scopeOf(request), request.params.id),
    );

    r.post(
      '/api/notifications/read-all',
      {
        schema: { tags, summary: 'Mark every one of hers she can see read (of one kind, if asked)', body: z.object({ kind: z.enum(notificationKinds).optional() }).default({}), response: { 200: markedOut } },
        config: access,
      },
      async (request) => service.markAllRead(ctx, scopeOf(request), request.body.kind),
    );

    r.get(
      '/api/notifications/preferences',
      { schema: { tags, summary: 'Her own e-mail preference for notifications', response: { 200: notificationPreferencesOut } }, config: access },
      async (request) => service.getPreferences(ctx, scopeOf(request)),
    );

    r.put(
      '/api/notifications/preferences',
      { schema: { tags, summary: 'Set her own e-mail preference (none, immediate, daily digest) and address', body: notificationPreferences, response: { 200: notificationPreferencesOut } }, config: access },
      async (request) => service.setPreferences(ctx, scopeOf(request), request.body, request.id),
    );
  };
}
