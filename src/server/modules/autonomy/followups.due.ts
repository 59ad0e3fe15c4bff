import { type SQL, and, asc, eq, gte, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { romeToday } from '../../platform/rome.js';
import { cases } from '../cases/index.js';
import { autonomyFollowUps, autonomyProjects } from './autonomy.tables.js';
import { contactConsented } from './followups.consent.js';

/**
 * Follow-up checks due (docs/autonomy.md, "Follow-ups after the end"):
 * those still `da_fare` due by `until`, with the referring organisation
 * (whose task it is) and whether she holds a live consent to be contacted
 * (without it the task says so: the check may only be closed as
 * `non_consentito`). Ids, dates and codes only: the caller decides who
 * sees which (the choke point's `plan` section).
 */
export interface DueFollowUp {
  caseId: string;
  code: string;
  /** The case's owner (its team members hold every section). */
  organisationId: string;
  referringOrganisationId: string;
  followUpId: string;
  projectId: string;
  months: number;
  dueOn: string;
  contactConsent: boolean;
}

export async function dueFollowUps(db: DbOrTx, where: { until: string; since?: string; extra?: SQL | undefined }): Promise<DueFollowUp[]> {
  const rows = await db
    .select({
      caseId: cases.id,
      code: cases.code,
      organisationId: cases.organisationId,
      referringOrganisationId: autonomyProjects.referringOrganisationId,
      followUpId: autonomyFollowUps.id,
      projectId: autonomyProjects.id,
      months: autonomyFollowUps.months,
      dueOn: autonomyFollowUps.dueOn,
    })
    .from(autonomyFollowUps)
    .innerJoin(autonomyProjects, eq(autonomyProjects.id, autonomyFollowUps.projectId))
    .innerJoin(cases, eq(cases.id, autonomyProjects.caseId))
    .where(and(eq(autonomyFollowUps.state, 'da_fare'), lte(autonomyFollowUps.dueOn, where.until), where.since ? gte(autonomyFollowUps.dueOn, where.since) : undefined, where.extra))
    .orderBy(asc(autonomyFollowUps.dueOn), asc(cases.code));
  const consent = await contactConsented(db, [...new Set(rows.map((r) => r.caseId))], romeToday());
  return rows.map((r) => ({ ...r, contactConsent: consent.has(r.caseId) }));
}
