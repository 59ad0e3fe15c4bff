import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childCaseOut, minorFields, minorOut } from '../../../shared/minors.api.js';
import { scopeOf } from '../../access/guard.js';
import type { AppContext } from '../../context.js';
import { expectedVersion, ifMatchHeaders, withEtag } from '../../platform/versions.js';
import * as minors from './minors.service.js';

const params = z.object({ id: z.uuid() });
const partParams = params.extend({ partId: z.uuid() });

/** A minor's pathway (the `minor` section, docs/minors.md) and opening a child as a case of her own. */
export function minorRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases/:id/minor',
    {
      schema: { tags, summary: 'The minor’s pathway: parental responsibility, the mandatory report, the referral to child protection, their deadlines; ETag its version (0: none yet)', params, response: { 200: minorOut } },
      config: { access: { action: 'case.read' } },
    },
    async (request, reply) => withEtag(reply, await minors.getMinor(ctx, scopeOf(request), request.params.id, request.id)),
  );
  r.put(
    '/api/cases/:id/minor',
    {
      schema: { tags, summary: 'Save the minor’s pathway (If-Match: the version read, "0" for the first); the owning organisation only', params, headers: ifMatchHeaders, body: minorFields, response: { 200: minorOut } },
      config: { access: { action: 'case.write' } },
    },
    async (request, reply) => withEtag(reply, await minors.saveMinor(ctx, scopeOf(request), request.params.id, expectedVersion(request), request.body, request.id)),
  );
  r.post(
    '/api/cases/:id/children/:partId/open-case',
    {
      schema: { tags, summary: 'Open a child recorded on this case as a case of her own, linked to this one (the owning organisation only)', params: partParams, response: { 201: childCaseOut } },
      config: { access: { action: 'case.write' } },
    },
    async (request, reply) => reply.code(201).send(await minors.openChildAsCase(ctx, scopeOf(request), request.params.id, request.params.partId, request.id)),
  );
}
