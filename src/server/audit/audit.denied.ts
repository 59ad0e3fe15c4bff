import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { writeAuditAlone } from './audit.writer.js';

/** The resource a request asked for and may not see: its type and id, never a value. */
export interface DeniedResource {
  type: string;
  id: string;
}

/**
 * The answer to a resource out of her scope (or absent: the two are the
 * same to her): 404, like any unknown id, and — written by the hook below,
 * once the request's transaction has rolled back, and before the answer —
 * one `access.denied` audit row naming the resource and the route's action.
 * Every route that can answer 404 for a resource id throws this instead of
 * a bare `not_found`, so that probing ids is audited everywhere.
 */
export class ResourceNotFound extends AppError {
  constructor(readonly resource: DeniedResource) {
    super('not_found');
  }
}

export const resourceNotFound = (type: string, id: string) => new ResourceNotFound({ type, id });

/**
 * Audits every ResourceNotFound of a request made by someone (a session or
 * a token): `access.denied`, outcome denied, the resource, the route's
 * action as purpose. The row is committed before the 404 is sent; if it
 * cannot be written, the answer is a 500 (nothing is answered unaudited).
 */
export function auditDeniedResources(app: FastifyInstance, db: Db): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof ResourceNotFound) || !request.principal) return;
    const access = request.routeOptions.config.access;
    try {
      await writeAuditAlone(db, {
        action: 'access.denied',
        outcome: 'denied',
        actorUserId: request.principal.userId,
        actorOrganisationId: request.principal.organisation?.id,
        resourceType: error.resource.type,
        resourceId: error.resource.id,
        purpose: access && !access.public ? access.action : null,
        requestId: request.id,
      });
    } catch (err) {
      request.log.error({ err }, 'denied access not audited');
      // An onError hook cannot replace the error: its code is changed instead.
      (error as { code: string }).code = 'internal';
    }
  });
}
