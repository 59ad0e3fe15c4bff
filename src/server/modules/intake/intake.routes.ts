import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  intakeConvertedOut,
  intakeCreate,
  intakeDecline,
  intakeInboxListOut,
  intakeInboxOut,
  intakeInboxQuery,
  intakeRecipientsOut,
  intakeRecipientsQuery,
  intakeSentListOut,
  intakeSentOut,
  intakeSentQuery,
} from '../../../shared/intake.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { claimOf, idempotencyHeaders } from '../../platform/idempotency.js';
import * as intake from './intake.service.js';

const params = z.object({ id: z.uuid() });

/**
 * Inbound referrals (docs/intake.md): the sender's side under
 * /api/intake/sent, the receiving CAV's under /api/intake/inbox. Anything
 * not hers (another CAV's, a sender asking for the inbox's view) is 404 and
 * audited as denied.
 */
export function intakeRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['intake'];
    const send = { access: { action: 'intake.send' } };
    const receive = { access: { action: 'intake.receive' } };

    r.get(
      '/api/intake/recipients',
      { schema: { tags, summary: 'The CAVs she may send to (her networks’; the 1522 helpline: all), the one covering her comune suggested', querystring: intakeRecipientsQuery, response: { 200: intakeRecipientsOut } }, config: send },
      async (request) => intake.listRecipients(ctx, scopeOf(request), request.query.comuneCode),
    );
    r.post(
      '/api/intake/sent',
      {
        schema: {
          tags,
          summary: 'Send a woman to a CAV, with her consent to be contacted (refused without it); her contact is sealed for the CAV and never shown to the sender again. With an Idempotency-Key, a retry returns the first',
          headers: idempotencyHeaders,
          body: intakeCreate,
          response: { 201: intakeSentOut },
        },
        config: send,
      },
      async (request, reply) => {
        const scope = scopeOf(request);
        const claim = claimOf(scope.principal.userId, 'POST /api/intake/sent', request.headers['idempotency-key'], request.body);
        return reply.code(201).send(await intake.createIntake(ctx, scope, request.body, request.id, claim));
      },
    );
    r.get(
      '/api/intake/sent',
      { schema: { tags, summary: 'What her organisation sent: references and statuses only', querystring: intakeSentQuery, response: { 200: intakeSentListOut } }, config: send },
      async (request) => intake.listSent(ctx, scopeOf(request), request.query, request.id),
    );

    r.get(
      '/api/intake/inbox',
      { schema: { tags, summary: 'The CAV’s inbound referrals (no contact data in the list) and the counters by status', querystring: intakeInboxQuery, response: { 200: intakeInboxListOut } }, config: receive },
      async (request) => intake.listInbox(ctx, scopeOf(request), request.query, request.id),
    );
    r.get(
      '/api/intake/inbox/:id',
      { schema: { tags, summary: 'One inbound referral with how to reach her (audited)', params, response: { 200: intakeInboxOut } }, config: receive },
      async (request) => intake.getInbound(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/intake/inbox/:id/attempts',
      { schema: { tags, summary: 'Record an attempt to contact her that did not reach her', params, response: { 200: intakeInboxOut } }, config: receive },
      async (request) => intake.recordAttempt(ctx, scopeOf(request), request.params.id, request.id),
    );
    r.post(
      '/api/intake/inbox/:id/decline',
      { schema: { tags, summary: 'Decline with a coded reason: closed, her contact erased, the sender told the code', params, body: intakeDecline, response: { 200: intakeInboxOut } }, config: receive },
      async (request) => intake.declineInbound(ctx, scopeOf(request), request.params.id, request.body.reason, request.id),
    );
    r.post(
      '/api/intake/inbox/:id/case',
      { schema: { tags, summary: 'Turn it into a case (stage contatto, identity and the contatto consent from the referral), in one transaction; once only', params, response: { 201: intakeConvertedOut } }, config: receive },
      async (request, reply) => reply.code(201).send(await intake.convertInbound(ctx, scopeOf(request), request.params.id, request.id)),
    );
  };
}
