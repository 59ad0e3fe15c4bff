import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { workloadOut } from '../../../shared/tasks.api.js';
import { memberships, users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { headedOrganisation } from './cases.access.js';
import { caseMembers, cases } from './cases.tables.js';
import { highRisk, isOpen, overdue, unstaffed } from './caseload.filters.js';

/** The roles whose holders may be on a case team (the staff a head assigns). */
const CASE_STAFF = ['organisation_head', 'operator', 'social_worker'];

/**
 * The head's home page: the workload of her centre as counts — open
 * pathways per member of her staff, emergencies, high risk, pathways with
 * nobody of the centre on the team, pathways with something overdue (a
 * minor's report and referral to child protection included). Only
 * her organisation's own cases (a case shared with it belongs to another
 * centre's workload).
 *
 * Audited as one read of her organisation, not as a read of each case:
 * the answer holds no case (no id, no code, nothing of a woman), only
 * numbers she answers for as head. Opening a number's link lists the cases
 * in the caseload, which audits each case it shows.
 */
export async function centreWorkload(ctx: AppContext, scope: Scope, requestId: string): Promise<z.output<typeof workloadOut>> {
  const organisationId = headedOrganisation(scope);
  // The policy lets only heads in; a head of a perpetrator programme (CUAV) holds no cases.
  if (!organisationId) throw new AppError('forbidden');
  const today = romeToday();
  return ctx.database.db.transaction(async (tx) => {
    const own = and(eq(cases.organisationId, organisationId), isOpen);
    const n = sql<number>`count(*)::int`;
    const [totals] = await tx
      .select({
        open: n,
        emergencies: sql<number>`count(*) filter (where ${cases.emergency})::int`,
        highRisk: sql<number>`count(*) filter (where ${highRisk})::int`,
        unstaffed: sql<number>`count(*) filter (where ${unstaffed})::int`,
        overdue: sql<number>`count(*) filter (where ${overdue(today, ctx.config.minorDeadlineDays)})::int`,
      })
      .from(cases)
      .where(own);
    const staff = await tx
      .select({ userId: users.id, displayName: users.displayName, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), inArray(memberships.role, CASE_STAFF), isNull(users.disabledAt), eq(users.isInstanceAdmin, false)))
      .orderBy(asc(users.displayName), asc(users.id));
    const held = await tx
      .select({ userId: caseMembers.userId, open: count() })
      .from(caseMembers)
      .innerJoin(cases, eq(cases.id, caseMembers.caseId))
      .where(and(own, eq(caseMembers.organisationId, organisationId)))
      .groupBy(caseMembers.userId);
    const openOf = new Map(held.map((h) => [h.userId, h.open]));
    await writeAudit(tx, { ...actedBy(scope, requestId, 'case.workload_read', { type: 'organisation', id: organisationId }), purpose: 'counts only' });
    return { today, ...totals!, staff: staff.map((s) => ({ ...s, open: openOf.get(s.userId) ?? 0 })) };
  });
}
