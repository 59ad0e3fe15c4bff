import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorFields, authorsOut, childFields, childrenOut, consentCreate, consentsOut, eventCreate, eventsOut, isoDate, savedPartOut } from '../../../shared/cases.api.js';
import { eventChannels, eventTypes } from '../../../shared/cases.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { expectedVersion, ifMatchHeaders } from '../../platform/versions.js';
import * as parts from './cases.parts.service.js';

const params = z.object({ id: z.uuid() });
const partParams = params.extend({ partId: z.uuid() });
const target = (partId: string, request: FastifyRequest) => ({ id: partId, version: expectedVersion(request) });

/** The parts of a case: consent ledger, timeline, children, authors. */
export function casePartRoutes(r: ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance, ctx: AppContext) {
  const app = r.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const read = { access: { action: 'case.read' } };
  const write = { access: { action: 'case.write' } };

  app.get(
    '/api/cases/:id/consents',
    { schema: { tags, summary: 'The consent ledger (what she agreed to, revoked or expired)', params, response: { 200: consentsOut } }, config: read },
    async (request) => parts.listConsents(ctx, scopeOf(request), request.params.id, request.id),
  );
  app.post(
    '/api/cases/:id/consents',
    {
      schema: { tags, summary: 'Record a consent: per purpose; per recipient organisation (and sections) for sharing; per channel for contact', params, body: consentCreate, response: { 201: consentsOut } },
      config: write,
    },
    async (request, reply) => reply.code(201).send(await parts.createConsent(ctx, scopeOf(request), request.params.id, request.body, request.id)),
  );
  app.post(
    '/api/cases/:id/consents/:partId/revoke',
    { schema: { tags, summary: 'Revoke a consent: sharing on it stops at once', params: partParams, response: { 200: consentsOut } }, config: write },
    async (request) => parts.revokeConsent(ctx, scopeOf(request), request.params.id, request.params.partId, request.id),
  );

  app.get(
    '/api/cases/:id/events',
    {
      schema: {
        tags,
        summary: 'The timeline (newest first), with filters',
        params,
        querystring: pageQuery.extend({ type: z.enum(eventTypes).optional(), channel: z.enum(eventChannels).optional(), from: isoDate.optional(), to: isoDate.optional() }),
        response: { 200: eventsOut },
      },
      config: read,
    },
    async (request) => parts.listEvents(ctx, scopeOf(request), request.params.id, request.query, request.id),
  );
  app.post(
    '/api/cases/:id/events',
    { schema: { tags, summary: 'Record a contact or interview', params, body: eventCreate, response: { 201: savedPartOut.pick({ id: true }) } }, config: write },
    async (request, reply) => reply.code(201).send(await parts.createEvent(ctx, scopeOf(request), request.params.id, request.body, request.id)),
  );

  app.get(
    '/api/cases/:id/children',
    { schema: { tags, summary: 'Her children', params, response: { 200: childrenOut } }, config: read },
    async (request) => parts.listChildren(ctx, scopeOf(request), request.params.id, request.id),
  );
  app.post(
    '/api/cases/:id/children',
    { schema: { tags, summary: 'Record a child', params, body: childFields, response: { 201: savedPartOut } }, config: write },
    async (request, reply) => reply.code(201).send(await parts.saveChild(ctx, scopeOf(request), request.params.id, null, request.body, request.id)),
  );
  app.put(
    '/api/cases/:id/children/:partId',
    { schema: { tags, summary: 'Replace a child’s record (If-Match)', params: partParams, headers: ifMatchHeaders, body: childFields, response: { 200: savedPartOut } }, config: write },
    async (request) => parts.saveChild(ctx, scopeOf(request), request.params.id, target(request.params.partId, request), request.body, request.id),
  );

  app.get(
    '/api/cases/:id/authors',
    { schema: { tags, summary: 'The author(s): the owning organisation’s team only', params, response: { 200: authorsOut } }, config: read },
    async (request) => parts.listAuthors(ctx, scopeOf(request), request.params.id, request.id),
  );
  app.post(
    '/api/cases/:id/authors',
    { schema: { tags, summary: 'Record an author', params, body: authorFields, response: { 201: savedPartOut } }, config: write },
    async (request, reply) => reply.code(201).send(await parts.saveAuthor(ctx, scopeOf(request), request.params.id, null, request.body, request.id)),
  );
  app.put(
    '/api/cases/:id/authors/:partId',
    { schema: { tags, summary: 'Replace an author’s record (If-Match)', params: partParams, headers: ifMatchHeaders, body: authorFields, response: { 200: savedPartOut } }, config: write },
    async (request) => parts.saveAuthor(ctx, scopeOf(request), request.params.id, target(request.params.partId, request), request.body, request.id),
  );
}
