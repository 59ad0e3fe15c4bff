import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actionCreate,
  actionParams,
  actionPatch,
  idParams,
  itemCreate,
  itemParams,
  itemPatch,
  reviewCreate,
  reviewCreatedOut,
  reviewNetworksOut,
  reviewOut,
  reviewPatch,
  reviewSavedOut,
  reviewsOut,
  reviewsQuery,
  reviewTasksOut,
} from '../../../shared/reviews.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { bringCase, updateBrief, withdrawCase } from './reviews.agenda.js';
import { createAction, reviewTasks, updateAction } from './reviews.actions.js';
import * as reviews from './reviews.service.js';


/** Multi-agency case reviews: the network's meetings on its high-risk cases (docs/reviews.md). */
export function reviewsRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reviews'];
    const read = { access: { action: 'review.read' } };
    const write = { access: { action: 'review.write' } };
    const manage = { access: { action: 'review.manage' } };
    const bring = { access: { action: 'review.bring' } };

    r.get('/api/reviews', { schema: { tags, summary: 'The reviews her organisation takes part in or she manages, the latest first', querystring: reviewsQuery, response: { 200: reviewsOut } }, config: read }, async (request) =>
      reviews.listReviews(ctx, scopeOf(request), request.query, request.id),
    );
    r.get('/api/reviews/networks', { schema: { tags, summary: 'The networks where she may call a review, with the organisations that may take part', response: { 200: reviewNetworksOut } }, config: read }, async (request) =>
      reviews.reviewNetworks(ctx, scopeOf(request)),
    );
    r.get('/api/reviews/tasks', { schema: { tags, summary: 'The open review actions her organisation owns, the overdue first', response: { 200: reviewTasksOut } }, config: read }, async (request) =>
      reviewTasks(ctx, scopeOf(request), request.id),
    );
    r.post(
      '/api/reviews',
      { schema: { tags, summary: 'Call a review (the coordinator of the network’s capofila)', body: reviewCreate, response: { 201: reviewOut } }, config: { access: { action: 'review.create' } } },
      async (request, reply) => {
        const out = await reviews.createReview(ctx, scopeOf(request), request.body, request.id);
        reply.header('etag', `"${out.version}"`);
        return reply.code(201).send(out);
      },
    );
    r.get(
      '/api/reviews/:id',
      { schema: { tags, summary: 'One review: participants, agenda (each case’s brief only), minutes, actions (open first) and the open actions of earlier reviews', params: idParams, response: { 200: reviewOut } }, config: read },
      async (request, reply) => withEtag(reply, await reviews.getReview(ctx, scopeOf(request), request.params.id, request.id)),
    );
    r.patch(
      '/api/reviews/:id',
      { schema: { tags, summary: 'Change a review: date, place, participants, status, minutes (its managers; If-Match)', params: idParams, headers: ifMatchHeaders, body: reviewPatch, response: { 200: reviewOut } }, config: manage },
      async (request, reply) => {
        const version = expectedVersion(request);
        return withEtag(reply, await reviews.updateReview(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
      },
    );
    r.post(
      '/api/reviews/:id/items',
      { schema: { tags, summary: 'Bring a case (its owning organisation’s team, on her consent or a legal basis to protect her life) with the brief the participants read', params: idParams, body: itemCreate, response: { 201: reviewCreatedOut } }, config: bring },
      async (request, reply) => reply.code(201).send(await bringCase(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.put(
      '/api/reviews/:id/items/:itemId',
      { schema: { tags, summary: 'Rewrite a case’s brief (the bringing organisation; If-Match)', params: itemParams, headers: ifMatchHeaders, body: itemPatch, response: { 200: reviewSavedOut } }, config: bring },
      async (request) => {
        const version = expectedVersion(request);
        return updateBrief(ctx, scopeOf(request), request.params.id, request.params.itemId, version, request.body.brief, request.id);
      },
    );
    r.delete(
      '/api/reviews/:id/items/:itemId',
      { schema: { tags, summary: 'Withdraw a case from a planned review (the bringing organisation)', params: itemParams, response: { 204: z.null() } }, config: bring },
      async (request, reply) => {
        await withdrawCase(ctx, scopeOf(request), request.params.id, request.params.itemId, request.id);
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/api/reviews/:id/actions',
      { schema: { tags, summary: 'Record an action decided at the review (its managers); the owner organisation is notified', params: idParams, body: actionCreate, response: { 201: reviewCreatedOut } }, config: manage },
      async (request, reply) => reply.code(201).send(await createAction(ctx, scopeOf(request), request.params.id, request.body, request.id)),
    );
    r.patch(
      '/api/reviews/:id/actions/:actionId',
      { schema: { tags, summary: 'Record an action’s status (its owner organisation, or the managers; If-Match)', params: actionParams, headers: ifMatchHeaders, body: actionPatch, response: { 200: reviewSavedOut } }, config: write },
      async (request) => {
        const version = expectedVersion(request);
        return updateAction(ctx, scopeOf(request), request.params.id, request.params.actionId, version, request.body.status, request.id);
      },
    );
  };
}
