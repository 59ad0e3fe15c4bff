import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditEntryOut, auditEntryParams, auditFilters, auditPage } from '../../shared/audit.api.js';
import { users } from '../access/access.tables.js';
import { scopeOf } from '../access/guard.js';
import type { Scope } from '../access/scope.js';
import type { AppContext } from '../context.js';
import { resourceNotFound } from './audit.denied.js';
import { romeMidnight } from '../platform/rome.js';
import { pageOffset, pageQuery } from '../platform/paging.js';
import { organisations } from '../modules/organisations/index.js';
import { auditLog } from './audit.tables.js';
import { auditActions } from './catalogue.js';
import { actedBy, writeAudit } from './audit.writer.js';

/** The shared filters, with `action` narrowed to the catalogue and the log's own page size. */
const auditQuery = pageQuery.extend({
  ...auditFilters.shape,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  action: z.enum(Object.keys(auditActions) as [string, ...string[]]).optional(),
});

/** Rows of the scope: all for the instance admin; those acted for her organisation otherwise. */
function inScope(scope: Scope): SQL | undefined {
  if (scope.organisationIds === 'all') return undefined;
  const own = scope.principal.organisation?.id;
  return inArray(auditLog.actorOrganisationId, own ? [own] : []);
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorUsername: users.username,
  organisationName: organisations.name,
  action: auditLog.action,
  resourceType: auditLog.resourceType,
  resourceId: auditLog.resourceId,
  purpose: auditLog.purpose,
  outcome: auditLog.outcome,
};

export function auditRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { db } = ctx.database;
    const tags = ['audit'];
    const base = () =>
      db
        .select(columns)
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .leftJoin(organisations, eq(organisations.id, auditLog.actorOrganisationId));

    r.get(
      '/api/audit',
      {
        schema: {
          tags,
          summary: 'Browse the audit log of her scope, newest first',
          querystring: auditQuery,
          response: { 200: auditPage },
        },
        config: { access: { action: 'audit.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const q = request.query;
        // Dates are days in Europe/Rome; `to` is inclusive.
        const where = and(
          inScope(scope),
          q.action ? eq(auditLog.action, q.action) : undefined,
          q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
          q.from ? gte(auditLog.at, romeMidnight(q.from)) : undefined,
          q.to ? lt(auditLog.at, romeMidnight(q.to, 1)) : undefined,
        );
        const items = await base().where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset(pageOffset(q));
        const [total] = await db.select({ n: count() }).from(auditLog).where(where);
        await db.transaction((tx) => writeAudit(tx, actedBy(scope, request.id, 'audit.read')));
        return { items: items as z.infer<typeof auditEntryOut>[], total: total?.n ?? 0 };
      },
    );

    r.get(
      '/api/audit/:id',
      {
        schema: { tags, summary: 'One audit row (404 when out of scope)', params: auditEntryParams, response: { 200: auditEntryOut } },
        config: { access: { action: 'audit.read' } },
      },
      async (request) => {
        const scope = scopeOf(request);
        const id = String(request.params.id);
        const [row] = await base().where(and(eq(auditLog.id, request.params.id), inScope(scope)));
        if (!row) throw resourceNotFound('audit_log', id);
        // Reading the log is itself recorded, like browsing it.
        await db.transaction((tx) => writeAudit(tx, actedBy(scope, request.id, 'audit.read', { type: 'audit_log', id })));
        return row as z.infer<typeof auditEntryOut>;
      },
    );
  };
}
