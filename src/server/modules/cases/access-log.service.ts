import { and, arrayContains, count, desc, eq, or } from 'drizzle-orm';
import type { AuditOutcome } from '../../../shared/domain.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import { auditLog } from '../../audit/audit.tables.js';
import type { AppContext } from '../../context.js';
import { type PageQuery, pageOffset } from '../../platform/paging.js';
import { organisations } from '../organisations/index.js';
import { onOwnCase } from './cases.run.js';

/**
 * Every access to one woman's record, from the audit log: who (person and
 * organisation), when, what (the audit action: read, list, change, denied
 * attempt…), with which purpose and outcome. For the owning organisation's
 * head, who answers for her record (a Garante inspection asks exactly this);
 * reading it is itself audited. Lists that showed the case are here too
 * (`case.listed`, one row per list naming the cases it showed), so "who saw
 * her name" is one query.
 */
export function caseAccessLog(ctx: AppContext, scope: Scope, caseId: string, q: PageQuery, requestId: string) {
  return onOwnCase(
    ctx,
    scope,
    caseId,
    requestId,
    'case.access_log_read',
    async (tx) => {
      // Her record's own rows, and the lists that showed her among others (the GIN index on subject_ids).
      const onThisCase = or(and(eq(auditLog.resourceType, 'case'), eq(auditLog.resourceId, caseId)), arrayContains(auditLog.subjectIds, [caseId]));
      const items = await tx
        .select({
          at: auditLog.at,
          action: auditLog.action,
          outcome: auditLog.outcome,
          purpose: auditLog.purpose,
          actor: users.displayName,
          organisation: organisations.name,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .leftJoin(organisations, eq(organisations.id, auditLog.actorOrganisationId))
        .where(onThisCase)
        .orderBy(desc(auditLog.id))
        .limit(q.pageSize)
        .offset(pageOffset(q));
      const [total] = await tx.select({ n: count() }).from(auditLog).where(onThisCase);
      return { items: items.map((i) => ({ ...i, outcome: i.outcome as AuditOutcome })), total: total!.n };
    },
    'read',
  );
}
