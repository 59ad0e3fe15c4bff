import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationTypes } from '../../../shared/domain.js';
import { accessibilityFeatures, alboStatuses, directoryServices } from '../../../shared/directory.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { pageQuery } from '../../platform/paging.js';
import { idParams, networkDetailOut, networkOut, organisationProfileOut } from './directory.api.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as service from './directory.networks.service.js';
import { email, istatCode, languageCode, phone } from './directory.schemas.js';

const networkPatch = z
  .object({
    name: z.string().trim().min(2).max(200).optional(),
    /** The full list of the network's comuni (replaces the current one). */
    comuni: z.array(istatCode).max(8000).optional(),
    referentSportelloId: z.uuid().nullable().optional(),
    /** The full list of per-comune referents (replaces the current one); when absent, overrides of comuni that stay are kept. */
    referentOverrides: z.array(z.object({ comune: istatCode, sportelloId: z.uuid() }).strict()).max(8000).optional(),
  })
  .strict();

const profilePatch = z
  .object({
    legalName: z.string().trim().min(2).max(300).nullable().optional(),
    albo: z
      .object({ status: z.enum(alboStatuses).nullable(), date: z.iso.date().nullable() })
      .strict()
      .refine((a) => a.status !== null || a.date === null, { message: 'date_needs_status', path: ['date'] })
      .optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    website: z.url({ protocol: /^https?$/ }).max(300).nullable().optional(),
    services: z.array(z.enum(directoryServices)).max(directoryServices.length).optional(),
    languages: z.array(languageCode).max(20).optional(),
    accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).optional(),
    /** Minimum standard (Intesa 2022): the phone line's link with emergency rooms and police; women-only staff in contact with women. */
    lineLinkedEmergencyRoom: z.boolean().nullable().optional(),
    lineLinkedPolice: z.boolean().nullable().optional(),
    womenOnlyStaff: z.boolean().nullable().optional(),
  })
  .strict();

/** Networks (territory and 1522 referents) and organisation profiles of the reserved directory. */
export function networkRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];

  r.get(
    '/api/directory/networks',
    {
      schema: { tags, summary: 'Networks of the caller’s organisation (the admin: all), with capofila, comuni count and 1522 referent', response: { 200: z.object({ items: z.array(networkOut) }) } },
      config: { access: { action: 'directory.read' } },
    },
    async (request) => service.listNetworks(ctx, scopeOf(request)),
  );

  r.get(
    '/api/directory/networks/:id',
    {
      schema: { tags, summary: 'One network with its comuni and per-comune referents', params: idParams, response: { 200: networkDetailOut } },
      config: { access: { action: 'directory.read' } },
    },
    async (request, reply) => withEtag(reply, await service.getNetwork(ctx, scopeOf(request), request.params.id)),
  );

  r.patch(
    '/api/directory/networks/:id',
    {
      schema: {
        tags,
        summary: 'Change a network’s name, comuni and 1522 referents (its coordinator, or the admin; If-Match: "<version>")',
        params: idParams,
        headers: ifMatchHeaders,
        body: networkPatch,
        response: { 200: networkDetailOut },
      },
      config: { access: { action: 'directory.network_manage' } },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(reply, await service.updateNetwork(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
    },
  );

  r.get(
    '/api/directory/organisations',
    {
      schema: {
        tags,
        summary: 'Directory profiles of the organisations sharing a network with the caller’s (and her own; the admin: all)',
        querystring: pageQuery.extend({
          network: z.uuid().optional(),
          type: z.enum(organisationTypes).optional(),
          q: z.string().trim().min(1).max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(organisationProfileOut), total: z.number().int() }) },
      },
      config: { access: { action: 'directory.read' } },
    },
    async (request) => service.listProfiles(ctx, scopeOf(request), request.query),
  );

  r.get(
    '/api/directory/organisations/:id',
    {
      schema: { tags, summary: 'One directory profile (404 when not shared with the caller)', params: idParams, response: { 200: organisationProfileOut } },
      config: { access: { action: 'directory.read' } },
    },
    async (request, reply) => withEtag(reply, await service.getProfile(ctx, scopeOf(request), request.params.id)),
  );

  r.patch(
    '/api/directory/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Change a directory profile (name, type and networks stay with /api/organisations; If-Match: "<version>")',
        params: idParams,
        headers: ifMatchHeaders,
        body: profilePatch,
        response: { 200: organisationProfileOut },
      },
      config: { access: { action: 'directory.manage' } },
    },
    async (request, reply) => {
      const version = expectedVersion(request);
      return withEtag(reply, await service.updateProfile(ctx, scopeOf(request), request.params.id, version, request.body, request.id));
    },
  );
}
