import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseReferralsOut, referralCreate, referralDecline, referralListOut, referralOut, referralPendingCountOut, referralsQuery } from '../../../shared/referrals.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as service from './referrals.service.js';

const params = z.object({ id: z.uuid() });

/** Referrals between organisations (docs/referrals.md; the routes are listed in src/shared/referrals.api.ts). */
export function referralsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['referrals'];

    r.post(
      '/api/cases/:id/referrals',
      {
        schema: {
          tags,
          summary: 'Refer the case to the organisation a live sharing consent names, for a purpose it lists, offering sections within it (the owning organisation). With an Idempotency-Key, a retry returns the referral the first request made',
          params,
          headers: idempotencyHeaders,
          body: referralCreate,
          response: { 201: referralOut },
        },
        config: { access: { action: 'case.write' } },
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        // The case is part of what is asked: the same key on another case is another request (422).
        const claim = claimOf(scope.principal.userId, 'POST /api/cases/:id/referrals', request.headers['idempotency-key'], { caseId: request.params.id, body: request.body });
        return reply.code(201).send(withEtag(reply, await service.createReferral(ctx, scope, request.params.id, request.body, request.id, claim)));
      },
    );
    r.get(
      '/api/cases/:id/referrals',
      {
        schema: { tags, summary: "The case's referrals, and the live sharing consents a new one may rest on (the owning organisation)", params, response: { 200: caseReferralsOut } },
        config: { access: { action: 'case.read' } },
      },
      async (request) => service.caseReferrals(ctx, scopeOf(request), request.params.id, request.id),
    );

    for (const box of ['inbox', 'outbox'] as const) {
      r.get(
        `/api/referrals/${box}`,
        {
          schema: {
            tags,
            summary: box === 'inbox' ? 'Referrals her organisation received (filters, paged, counts by state)' : 'Referrals her organisation sent, of the cases she is on (the head: all), filters, paged, counts by state',
            querystring: referralsQuery,
            response: { 200: referralListOut },
          },
          config: { access: { action: 'referral.read' } },
        },
        async (request) => service.listReferrals(ctx, scopeOf(request), box, request.query, request.id),
      );
    }
    r.get(
      '/api/referrals/inbox/count',
      {
        schema: {
          tags,
          summary: "How many referrals wait for her organisation's answer, and how many of them are urgent (the navigation's number): counts only, no case read, not audited",
          response: { 200: referralPendingCountOut },
        },
        config: { access: { action: 'referral.read' } },
      },
      async (request) => service.countPendingReceived(ctx, scopeOf(request)),
    );
    r.get(
      '/api/referrals/:id',
      { schema: { tags, summary: 'One referral as her side sees it (ETag: its version)', params, response: { 200: referralOut } }, config: { access: { action: 'referral.read' } } },
      async (request, reply) => withEtag(reply, await service.getReferral(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.post(
      '/api/referrals/:id/accept',
      {
        schema: { tags, summary: 'Accept (the recipient, If-Match): she joins the case team holding exactly the referral’s sections', params, headers: ifMatchHeaders, response: { 200: referralOut } },
        config: { access: { action: 'referral.decide' } },
      },
      async (request, reply) => withEtag(reply, await service.acceptReferral(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.id)),
    );
    r.post(
      '/api/referrals/:id/decline',
      {
        schema: { tags, summary: 'Decline with a coded reason (the recipient, If-Match)', params, headers: ifMatchHeaders, body: referralDecline, response: { 200: referralOut } },
        config: { access: { action: 'referral.decide' } },
      },
      async (request, reply) => withEtag(reply, await service.declineReferral(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
    );
    r.post(
      '/api/referrals/:id/withdraw',
      {
        schema: { tags, summary: 'Withdraw a pending referral (the sender, If-Match)', params, headers: ifMatchHeaders, response: { 200: referralOut } },
        config: { access: { action: 'referral.decide' } },
      },
      async (request, reply) => withEtag(reply, await service.withdrawReferral(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.id)),
    );
  };
}
