import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  placeCreate,
  placeServiceIn,
  placeUpdate,
  structureCreate,
  structureListOut,
  structureNetworksIn,
  structureOut,
  structureUpdate,
  unitCreate,
  unitUpdate,
} from '../../../shared/shelters.structures.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as service from './structures.service.js';

const params = z.object({ id: z.uuid() });
const unitParams = z.object({ id: z.uuid(), unitId: z.uuid() });
const placeParams = z.object({ id: z.uuid(), placeId: z.uuid() });

const read = { access: { action: 'shelter.structure.read' } } as const;
const manage = { access: { action: 'shelter.structure.manage' } } as const;

/** A housing organisation's structures, units and places (docs/shelters.md; routes listed in src/shared/shelters.structures.api.ts). */
export function structuresRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['shelters'];
    const actor = (request: FastifyRequest) => service.structureActor(scopeOf(request), request.id);
    const { db } = ctx.database;
    /** The answer of a write: the structure as its staff see it, tagged with its version. */
    const after = async (request: FastifyRequest, id: string) => service.presentAfterWrite(ctx, db, actor(request), id);

    r.get(
      '/api/shelters/structures',
      { schema: { tags, summary: "Her organisation's structures with their places counted per state (no address; not audited)", response: { 200: structureListOut } }, config: read },
      async (request) => service.listStructures(ctx, actor(request)),
    );
    r.post(
      '/api/shelters/structures',
      {
        schema: { tags, summary: 'Create a structure with its sealed address and the networks it serves (the head)', body: structureCreate, response: { 201: structureOut } },
        config: manage,
      },
      async (request, reply) => {
        const id = await service.createStructure(ctx, db, actor(request), request.body);
        return reply.code(201).send(withEtag(reply, await after(request, id)));
      },
    );
    r.get(
      '/api/shelters/structures/:id',
      {
        schema: { tags, summary: 'One structure of her organisation, its address opened (audited), units and places by state (ETag)', params, response: { 200: structureOut } },
        config: read,
      },
      async (request, reply) => withEtag(reply, await service.getStructure(ctx, actor(request), request.params.id)),
    );
    r.patch(
      '/api/shelters/structures/:id',
      { schema: { tags, summary: 'Edit a structure (the head, If-Match)', params, headers: ifMatchHeaders, body: structureUpdate, response: { 200: structureOut } }, config: manage },
      async (request, reply) => {
        await service.updateStructure(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.put(
      '/api/shelters/structures/:id/networks',
      {
        schema: { tags, summary: 'The networks it serves, among those her organisation belongs to (the head, If-Match)', params, headers: ifMatchHeaders, body: structureNetworksIn, response: { 200: structureOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.setStructureNetworks(ctx, db, actor(request), request.params.id, expectedVersion(request), request.body.networkIds);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    for (const act of ['deactivate', 'reactivate'] as const) {
      r.post(
        `/api/shelters/structures/:id/${act}`,
        {
          schema: {
            tags,
            summary: act === 'deactivate' ? 'Take it off the board (the head, If-Match): only with no place held or occupied' : 'Put it back on the board (the head, If-Match)',
            params,
            headers: ifMatchHeaders,
            response: { 200: structureOut },
          },
          config: manage,
        },
        async (request, reply) => {
          await service.setStructureActive(ctx, db, actor(request), request.params.id, expectedVersion(request), act === 'reactivate');
          return withEtag(reply, await after(request, request.params.id));
        },
      );
    }
    r.post(
      '/api/shelters/structures/:id/units',
      { schema: { tags, summary: 'Add a unit (room or flat) with its places, all free (the head)', params, body: unitCreate, response: { 201: structureOut } }, config: manage },
      async (request, reply) => {
        await service.addUnit(ctx, db, actor(request), request.params.id, request.body);
        return reply.code(201).send(withEtag(reply, await after(request, request.params.id)));
      },
    );
    r.patch(
      '/api/shelters/structures/:id/units/:unitId',
      {
        schema: { tags, summary: "Rename a unit or change its access (the head, If-Match: the unit's version)", params: unitParams, headers: ifMatchHeaders, body: unitUpdate, response: { 200: structureOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.updateUnit(ctx, db, actor(request), request.params.id, request.params.unitId, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.post(
      '/api/shelters/structures/:id/units/:unitId/places',
      { schema: { tags, summary: 'Add a free place to a unit (the head)', params: unitParams, body: placeCreate, response: { 201: structureOut } }, config: manage },
      async (request, reply) => {
        await service.addPlace(ctx, db, actor(request), request.params.id, request.params.unitId, request.body);
        return reply.code(201).send(withEtag(reply, await after(request, request.params.id)));
      },
    );
    r.patch(
      '/api/shelters/structures/:id/places/:placeId',
      {
        schema: { tags, summary: "Rename a place (the head, If-Match: the place's version)", params: placeParams, headers: ifMatchHeaders, body: placeUpdate, response: { 200: structureOut } },
        config: manage,
      },
      async (request, reply) => {
        await service.renamePlace(ctx, db, actor(request), request.params.id, request.params.placeId, expectedVersion(request), request.body);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
    r.post(
      '/api/shelters/structures/:id/places/:placeId/service',
      {
        schema: {
          tags,
          summary: "Take a free place out of service, or put it back (the head, If-Match: the place's version); a held or occupied place is 409",
          params: placeParams,
          headers: ifMatchHeaders,
          body: placeServiceIn,
          response: { 200: structureOut },
        },
        config: manage,
      },
      async (request, reply) => {
        await service.setPlaceService(ctx, db, actor(request), request.params.id, request.params.placeId, expectedVersion(request), request.body.outOfService);
        return withEtag(reply, await after(request, request.params.id));
      },
    );
  };
}
