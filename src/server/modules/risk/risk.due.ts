import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db.js';
import { caseEvents, cases, isOpen } from '../cases/index.js';
import { riskAssessments } from './risk.tables.js';

/**
 * When a case's risk must be assessed again (docs/risk.md): an open case
 * with at least one assessment is due `weeks` after its latest assessment
 * (the greatest `assessedOn`), or at once — on the day it was recorded —
 * when a timeline event marked as a risk event (separation, breach of a
 * protection measure, new violence) is recorded after the latest
 * assessment was. An assessment whose occasion is such an event answers
 * it: the interval starts again from it. The earlier of the two wins.
 *
 * Only dates and case ids: the caller decides who may see which (the
 * choke point's `risk` section) — here nothing of a woman is read.
 */
export interface DueReassessment {
  caseId: string;
  code: string;
  organisationId: string;
  dueOn: string;
  reason: 'interval' | 'event';
}

const day = (value: SQL) => sql<string>`to_char(${value}, 'YYYY-MM-DD')`;

export async function dueReassessments(db: DbOrTx, weeks: number, where: { until: string; since?: string; caseIds?: readonly string[]; extra?: SQL }): Promise<DueReassessment[]> {
  const latest = db
    .select({
      caseId: riskAssessments.caseId,
      lastOn: sql<string>`max(${riskAssessments.assessedOn})`.as('last_on'),
      lastRecordedAt: sql<Date>`max(${riskAssessments.createdAt})`.as('last_recorded_at'),
    })
    .from(riskAssessments)
    .groupBy(riskAssessments.caseId)
    .as('latest');
  const intervalDue = sql`(${latest.lastOn} + make_interval(weeks => ${weeks}))::date`;
  const eventDue = sql`(select min((${caseEvents.createdAt} at time zone 'Europe/Rome')::date) from ${caseEvents}
    where ${caseEvents.caseId} = ${latest.caseId} and ${caseEvents.riskEvent} is not null and ${caseEvents.createdAt} > ${latest.lastRecordedAt})`;
  const due = sql`least(${intervalDue}, coalesce(${eventDue}, ${intervalDue}))`;
  const rows = await db
    .select({
      caseId: cases.id,
      code: cases.code,
      organisationId: cases.organisationId,
      dueOn: day(due),
      byEvent: sql<boolean>`coalesce(${eventDue} < ${intervalDue}, false)`,
    })
    .from(latest)
    .innerJoin(cases, eq(cases.id, latest.caseId))
    .where(
      and(
        isOpen,
        sql`${due} <= ${where.until}::date`,
        where.since ? sql`${due} >= ${where.since}::date` : undefined,
        where.caseIds ? (where.caseIds.length ? sql`${cases.id} in (${sql.join(where.caseIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`) : undefined,
        where.extra,
      ),
    )
    .orderBy(sql`${due}`, cases.id);
  return rows.map(({ byEvent, ...r }) => ({ ...r, reason: byEvent ? 'event' : 'interval' }));
}

/** One case's next re-assessment (null without any assessment, or on a closed case), with no bound on the day. */
export async function reassessmentOf(db: DbOrTx, weeks: number, caseId: string): Promise<DueReassessment | null> {
  const [row] = await dueReassessments(db, weeks, { until: '9999-12-31', caseIds: [caseId] });
  return row ?? null;
}
