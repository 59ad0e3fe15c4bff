import { addDays, addMonths, formatISO, parseISO } from 'date-fns';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { RedditoState, RedditoStep } from '../../../shared/autonomy.reddito.api.js';
import type { DbOrTx } from '../../platform/db.js';
import { cases, isOpen } from '../cases/index.js';
import { redditoApplications } from './reddito.tables.js';

/**
 * The Reddito di libertà's reminders (docs/autonomy.md): the live
 * application of an open case whose step has waited REDDITO_LIBERTA_STEP_DAYS
 * since its last progress. Only dates, ids and codes, never more: the
 * caller decides who may see which (the choke point's `plan` section).
 */

const iso = (d: Date) => formatISO(d, { representation: 'date' });

/** What the step computation reads of an application. */
export interface RedditoProgress {
  state: RedditoState;
  openedOn: string;
  cavStatementOn: string | null;
  socialStatementOn: string | null;
  filedOn: string | null;
  outcomeOn: string | null;
  monthsPaid: number;
  monthsGranted: number | null;
}

/**
 * The step an application waits on and the day it is due:
 * - gathering the statements and filing: `stepDays` after the latest of its
 *   opening and the statements recorded (the CAV's first, then the social
 *   service's, then the filing);
 * - filed: INPS's outcome, `stepDays` after the filing;
 * - waiting for funds: `stepDays` after that outcome (ask INPS again);
 * - granted: the next month paid, `stepDays` after the month it falls in
 *   (the outcome's day plus the months already paid), until every month
 *   granted is paid;
 * - refused: nothing.
 */
export function dueStep(a: RedditoProgress, stepDays: number): { step: RedditoStep; dueOn: string } | null {
  const after = (day: string) => iso(addDays(parseISO(day), stepDays));
  switch (a.state) {
    case 'in_preparazione': {
      const step: RedditoStep = !a.cavStatementOn ? 'dichiarazione_cav' : !a.socialStatementOn ? 'dichiarazione_servizio' : 'domanda';
      const last = [a.openedOn, a.cavStatementOn, a.socialStatementOn].filter((d): d is string => !!d).sort().at(-1)!;
      return { step, dueOn: after(last) };
    }
    case 'presentata':
      return a.filedOn ? { step: 'esito', dueOn: after(a.filedOn) } : null;
    case 'in_attesa_fondi':
      return a.outcomeOn ? { step: 'fondi', dueOn: after(a.outcomeOn) } : null;
    case 'accolta':
      if (!a.outcomeOn || a.monthsGranted === null || a.monthsPaid >= a.monthsGranted) return null;
      return { step: 'mensilita', dueOn: after(iso(addMonths(parseISO(a.outcomeOn), a.monthsPaid))) };
    case 'respinta':
      return null;
  }
}

export interface DueRedditoStep {
  caseId: string;
  code: string;
  organisationId: string;
  applicationId: string;
  step: RedditoStep;
  dueOn: string;
}

/** The live applications of open cases whose step is due by `until` (and not before `since`), by day. */
export async function dueRedditoSteps(db: DbOrTx, stepDays: number, where: { until: string; since?: string; extra?: SQL | undefined }): Promise<DueRedditoStep[]> {
  const live = db
    .selectDistinctOn([redditoApplications.caseId], {
      caseId: redditoApplications.caseId,
      id: redditoApplications.id,
      state: redditoApplications.state,
      openedOn: redditoApplications.openedOn,
      cavStatementOn: redditoApplications.cavStatementOn,
      socialStatementOn: redditoApplications.socialStatementOn,
      filedOn: redditoApplications.filedOn,
      outcomeOn: redditoApplications.outcomeOn,
      monthsPaid: redditoApplications.monthsPaid,
      monthsGranted: redditoApplications.monthsGranted,
    })
    .from(redditoApplications)
    .orderBy(redditoApplications.caseId, sql`${redditoApplications.seq} desc`)
    .as('live_reddito');
  const rows = await db
    .select({
      caseId: cases.id,
      code: cases.code,
      organisationId: cases.organisationId,
      id: live.id,
      state: live.state,
      openedOn: live.openedOn,
      cavStatementOn: live.cavStatementOn,
      socialStatementOn: live.socialStatementOn,
      filedOn: live.filedOn,
      outcomeOn: live.outcomeOn,
      monthsPaid: live.monthsPaid,
      monthsGranted: live.monthsGranted,
    })
    .from(live)
    .innerJoin(cases, eq(cases.id, live.caseId))
    .where(and(isOpen, where.extra));
  const out: DueRedditoStep[] = [];
  for (const r of rows) {
    const due = dueStep(r, stepDays);
    if (!due || due.dueOn > where.until || (where.since && due.dueOn < where.since)) continue;
    out.push({ caseId: r.caseId, code: r.code, organisationId: r.organisationId, applicationId: r.id, ...due });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.code.localeCompare(b.code));
}
