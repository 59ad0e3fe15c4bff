import { type SQL, and, eq, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { isOpen } from './caseload.filters.js';
import { safetyPlanVersions } from './safety-plan.tables.js';
import { cases } from './cases.tables.js';

/**
 * The safety plan reviews that fall due (docs/safety-plan.md): on an open
 * case, the `nextReviewOn` of its current plan (the highest version). A new
 * version answers it — with a later date, or none. Only dates, ids and the
 * version, never the plan: the caller decides who may see which (the
 * choke point's `risk` section).
 */
export interface DueSafetyPlanReview {
  caseId: string;
  code: string;
  organisationId: string;
  version: number;
  dueOn: string;
}

export async function dueSafetyPlanReviews(db: DbOrTx, where: { until: string; since?: string; extra?: SQL | undefined }): Promise<DueSafetyPlanReview[]> {
  const current = db
    .selectDistinctOn([safetyPlanVersions.caseId], { caseId: safetyPlanVersions.caseId, version: safetyPlanVersions.version, nextReviewOn: safetyPlanVersions.nextReviewOn })
    .from(safetyPlanVersions)
    .orderBy(safetyPlanVersions.caseId, sql`${safetyPlanVersions.version} desc`)
    .as('current_plan');
  const rows = await db
    .select({ caseId: cases.id, code: cases.code, organisationId: cases.organisationId, version: current.version, dueOn: current.nextReviewOn })
    .from(current)
    .innerJoin(cases, eq(cases.id, current.caseId))
    .where(and(isOpen, lte(current.nextReviewOn, where.until), where.since ? gte(current.nextReviewOn, where.since) : undefined, where.extra))
    .orderBy(current.nextReviewOn, cases.id);
  return rows.filter((r): r is DueSafetyPlanReview => r.dueOn !== null);
}
