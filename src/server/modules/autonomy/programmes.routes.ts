import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  programmeBudgetsIn,
  programmeCreate,
  programmeEquipesIn,
  programmeListOut,
  programmeOut,
  programmePartnersIn,
  programmeResultsIn,
  programmeSummaryOut,
  programmeUpdate,
} from '../../../shared/autonomy.programmes.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import { programmeActor } from './programmes.access.js';
import * as service from './programmes.service.js';
import { getSummary } from './programmes.summary.js';

const params = z.object({ id: z.uuid() });
const read = { access: { action: 'autonomy.programme.read' } } as const;
const manage = { access: { action: 'autonomy.programme.manage' } } as const;

/** Funded programmes (docs/autonomy.md, "Programmes"; routes listed in src/shared/autonomy.programmes.api.ts). */
export function programmesRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['autonomy'];
    const actor = (request: FastifyRequest) => programmeActor(scopeOf(request), request.id);
    const { db } = ctx.database;
    const after = async (request: FastifyRequest, id: string) => service.presentAfterWrite(db, actor(request), id);

    r.get(
      '/api/autonomy/programmes',
      { schema: { tags, summary: 'The programmes she may read, and the networks she may create one for (audited, counts only)', response: { 200: programmeListOut } }, config: read },
      async (request) => service.listProgrammes(ctx, actor(request)),
    );
    r.post(
      '/api/autonomy/programmes',
      {
        schema: { tags, summary: "Create a programme in a network her organisation leads (the network coordinator); her organisation is its capofila", body: programmeCreate, response: { 201: programmeOut } },
        config: manage,
      },
      async (request, reply) => {
        const id = await service.createProgramme(ctx, db, actor(request), request.body);
        return reply.code(201).send(withEtag(reply, await after(request, id)));
      },
    );
    r.get(
      '/api/autonomy/programmes/:id',
      { schema: { tags, summary: 'One programme: frame, partners, budgets, équipes, expected results (audited; ETag)', params, response: { 200: programmeOut } }, config: read },
      async (request, reply) => withEtag(reply, await service.getProgramme(ctx, actor(request), request.params.id)),
    );
    r.patch(
      '/api/autonomy/programmes/:id',
      {
        schema: {
          tags,
          summary: 'Edit a programme (the coordinator, If-Match); a frame dropping a code in use is 409',
          params,
          headers: ifMatchHeaders,
          body: programmeUpdate,
          response: { 200: programmeOut },
        },
        config: manage,
      },
      async (request, reply) => {
        await service.updateProgramme(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.put(
      '/api/autonomy/programmes/:id/partners',
      {
        schema: { tags, summary: "Capofila and partners, members of the programme's network (the coordinator, If-Match)", params, headers: ifMatchHeaders, body: programmePartnersIn, response: { 200: programmeOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.setPartners(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.put(
      '/api/autonomy/programmes/:id/budgets',
      {
        schema: {
          tags,
          summary: "Budget per axis and partner (the coordinator, If-Match): at most the total; never below a partner's expenses on an axis (409)",
          params,
          headers: ifMatchHeaders,
          body: programmeBudgetsIn,
          response: { 200: programmeOut },
        },
        config: manage,
      },
      async (request, reply) => {
        await service.setBudgets(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.put(
      '/api/autonomy/programmes/:id/equipes',
      {
        schema: { tags, summary: "The équipes multidisciplinari and their member organisations (the coordinator, If-Match)", params, headers: ifMatchHeaders, body: programmeEquipesIn, response: { 200: programmeOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.setEquipes(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.put(
      '/api/autonomy/programmes/:id/results',
      {
        schema: { tags, summary: 'Expected results with targets and manual actual values (the coordinator, If-Match)', params, headers: ifMatchHeaders, body: programmeResultsIn, response: { 200: programmeOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.setResults(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.get(
      '/api/autonomy/programmes/:id/summary',
      {
        schema: { tags, summary: 'Money per axis and partner, expected vs actual results, intakes by state and reason (audited; counts only, no case)', params, response: { 200: programmeSummaryOut } },
        config: read,
      },
      async (request) => getSummary(ctx, actor(request), request.params.id),
    );
  };
}
