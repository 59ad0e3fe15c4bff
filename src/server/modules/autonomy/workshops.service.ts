import { randomUUID } from 'node:crypto';
import type { FieldErrorCode } from '../../../shared/field-errors.js';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ActivityCreate, ActivityOut } from '../../../shared/autonomy.actions.api.js';
import { activeRoles, isAllowed } from '../../access/policy.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { accessCases, cases } from '../cases/index.js';
import { autonomyPolicy } from './autonomy.policy.js';
import { type ProgrammeSide, programmeActor } from './programmes.access.js';
import { readable } from './programmes.service.js';
import { autonomyActivities, autonomyActivityParticipants, autonomyActivitySessions, autonomyAttendance } from './workshops.tables.js';

/**
 * A programme's group work (docs/autonomy.md, "Group work"): the
 * empowerment workshop and the training meetings for operators, with their
 * sessions (day, facilitators) and participants (cases, referred by several
 * CAV), and the agreements signed with housing or work bodies.
 *
 * Who: every reader of the programme sees the activities, their sessions
 * and how many took part; a participant's case code and attendance only
 * her own team sees (the cases' choke point, `plan` section) — another CAV
 * counts her, nothing more. The programme's coordinator, its capofila and
 * its partners (the write role of the policy) record activities and
 * sessions; a partner's staff adds her own team's cases and their
 * attendance.
 */

const writer = (scope: Scope) => isAllowed(autonomyPolicy['autonomy.project.write'], activeRoles(scope.principal), scope.principal.organisation?.type ?? null);
/** Records activities and sessions: the programme's coordinator, or the staff (write role) of its capofila or a partner. */
const runs = (scope: Scope) => (side: ProgrammeSide) => side.manage || ((side.capofila || side.partner) && writer(scope));

/** The programme she reads, her side; 404 (audited as denied) otherwise. */
async function programmeOf(db: DbOrTx, ctx: AppContext, scope: Scope, programmeId: string, requestId: string, action: AuditAction) {
  const actor = programmeActor(scope, requestId);
  try {
    return { actor, ...(await readable(db, actor, programmeId)) };
  } catch (error) {
    await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, action, { type: 'autonomy_programme', id: programmeId }), outcome: 'denied' });
    throw error;
  }
}

/** Activities of a programme as she sees them: participants of her own team named, the others counted. */
export async function listActivities(ctx: AppContext, scope: Scope, programmeId: string, requestId: string): Promise<{ items: ActivityOut[] }> {
  const db = readHandle(ctx.database.db);
  await programmeOf(db, ctx, scope, programmeId, requestId, 'autonomy.activity.list');
  const items = await presentActivities(db, scope, eq(autonomyActivities.programmeId, programmeId));
  const named = items.flatMap((i) => i.participants.map((p) => p.caseId));
  await writeAuditAlone(ctx.database.db, {
    ...actedBy(scope, requestId, 'autonomy.activity.list', { type: 'autonomy_programme', id: programmeId }),
    purpose: `activities: ${items.length}; own participants: ${named.length}`,
    subjectIds: [...new Set(named)],
  });
  return { items };
}

async function presentActivities(db: DbOrTx, scope: Scope, where: ReturnType<typeof eq>): Promise<ActivityOut[]> {
  const rows = await db.select().from(autonomyActivities).where(where).orderBy(asc(autonomyActivities.createdAt), asc(autonomyActivities.id));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const sessions = await db.select().from(autonomyActivitySessions).where(inArray(autonomyActivitySessions.activityId, ids)).orderBy(asc(autonomyActivitySessions.heldOn), asc(autonomyActivitySessions.id));
  const participants = await db
    .select({ id: autonomyActivityParticipants.id, activityId: autonomyActivityParticipants.activityId, caseId: autonomyActivityParticipants.caseId, code: cases.code })
    .from(autonomyActivityParticipants)
    .innerJoin(cases, eq(cases.id, autonomyActivityParticipants.caseId))
    .where(inArray(autonomyActivityParticipants.activityId, ids));
  const attendance = participants.length
    ? await db.select().from(autonomyAttendance).where(inArray(autonomyAttendance.participantId, participants.map((p) => p.id)))
    : [];
  // Her own team's participants: the choke point grants her the case's plan.
  const access = await accessCases(db, scope, [...new Set(participants.map((p) => p.caseId))]);
  const own = (caseId: string) => !!access.get(caseId)?.sections.has('plan');
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    counterpart: r.counterpart,
    agreementKind: r.agreementKind,
    signedOn: r.signedOn,
    heldOn: r.heldOn,
    sessions: sessions
      .filter((s) => s.activityId === r.id)
      .map((s) => ({ id: s.id, heldOn: s.heldOn, facilitators: s.facilitators, attendees: attendance.filter((x) => x.sessionId === s.id).length })),
    participantCount: participants.filter((p) => p.activityId === r.id).length,
    participants: participants
      .filter((p) => p.activityId === r.id && own(p.caseId))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((p) => ({ id: p.id, caseId: p.caseId, caseCode: p.code, sessionIds: attendance.filter((x) => x.participantId === p.id).map((x) => x.sessionId) })),
  }));
}

/** A group activity or an agreement: the coordinator, the capofila or a partner (write role). */
export async function createActivity(ctx: AppContext, scope: Scope, programmeId: string, input: ActivityCreate, requestId: string): Promise<ActivityOut> {
  const id = randomUUID();
  const db = readHandle(ctx.database.db);
  const { side } = await programmeOf(db, ctx, scope, programmeId, requestId, 'autonomy.activity.create');
  if (!runs(scope)(side)) throw new AppError('forbidden');
  await writeTransaction(ctx.database.db, async (tx) => {
    await tx.insert(autonomyActivities).values({
      id,
      programmeId,
      kind: input.kind,
      title: input.title,
      counterpart: input.kind === 'accordo' ? input.counterpart : null,
      agreementKind: input.kind === 'accordo' ? input.agreementKind : null,
      signedOn: input.kind === 'accordo' ? input.signedOn : null,
      heldOn: input.kind === 'incontro_formativo_operatori' ? (input.heldOn ?? null) : null,
      createdBy: scope.principal.userId,
    });
    await writeAudit(tx, { ...actedBy(scope, requestId, 'autonomy.activity.create', { type: 'autonomy_activity', id }), purpose: `programme:${programmeId};${input.kind}` });
  }, () => new AppError('conflict'));
  return (await presentActivities(readHandle(ctx.database.db), scope, eq(autonomyActivities.id, id)))[0]!;
}

/** Runs a write on one activity: the programme she reads (404 audited), then `allowed` (403). */
async function onActivity<T>(ctx: AppContext, scope: Scope, activityId: string, requestId: string, action: AuditAction, allowed: (side: ProgrammeSide) => boolean, work: (tx: Tx, activity: typeof autonomyActivities.$inferSelect) => Promise<{ value: T; purpose: string; subjectIds?: string[] }>) {
  const actor = programmeActor(scope, requestId);
  const audit = actedBy(scope, requestId, action, { type: 'autonomy_activity', id: activityId });
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [activity] = await tx.select().from(autonomyActivities).where(eq(autonomyActivities.id, activityId)).for('update');
      const side = activity ? await readable(tx, actor, activity.programmeId).then((x) => x.side, () => null) : null;
      if (!activity || !side) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return null;
      }
      if (!allowed(side)) throw new AppError('forbidden');
      const { value, purpose, subjectIds } = await work(tx, activity);
      await writeAudit(tx, { ...audit, purpose, subjectIds });
      return { value };
    },
    () => new AppError('conflict'),
  );
  if (!done) throw new AppError('not_found');
  return done.value;
}

const invalid = (pointer: string, code: FieldErrorCode) => new AppError('validation_failed', { errors: [{ pointer, code }] });

export async function addSession(ctx: AppContext, scope: Scope, activityId: string, input: { heldOn: string; facilitators: string[] }, requestId: string): Promise<ActivityOut> {
  await onActivity(ctx, scope, activityId, requestId, 'autonomy.activity.session', runs(scope), async (tx, activity) => {
    if (activity.kind === 'accordo') throw invalid('/body', 'not_allowed');
    const id = randomUUID();
    await tx.insert(autonomyActivitySessions).values({ id, activityId, heldOn: input.heldOn, facilitators: input.facilitators });
    return { value: null, purpose: `session:${id}` };
  });
  return (await presentActivities(readHandle(ctx.database.db), scope, eq(autonomyActivities.id, activityId)))[0]!;
}

/** A participant: a case of her own team (the plan section), by a partner of the programme. */
export async function addParticipant(ctx: AppContext, scope: Scope, activityId: string, input: { caseId: string }, requestId: string): Promise<ActivityOut> {
  await onActivity(ctx, scope, activityId, requestId, 'autonomy.activity.participant', () => writer(scope), async (tx, activity) => {
    if (activity.kind !== 'laboratorio_empowerment') throw invalid('/body', 'not_allowed');
    const access = (await accessCases(tx, scope, [input.caseId])).get(input.caseId);
    if (!access?.sections.has('plan')) throw invalid('/body/caseId', 'unknown_item');
    const inserted = await tx
      .insert(autonomyActivityParticipants)
      .values({ activityId, caseId: input.caseId, referringOrganisationId: scope.principal.organisation!.id })
      .onConflictDoNothing()
      .returning({ id: autonomyActivityParticipants.id });
    if (!inserted.length) throw new AppError('conflict');
    return { value: null, purpose: `participant:${inserted[0]!.id}`, subjectIds: [input.caseId] };
  });
  return (await presentActivities(readHandle(ctx.database.db), scope, eq(autonomyActivities.id, activityId)))[0]!;
}

/** The sessions a participant attended, the whole list: her own team only (another CAV's participant is 404). */
export async function putAttendance(ctx: AppContext, scope: Scope, activityId: string, participantId: string, input: { sessionIds: string[] }, requestId: string): Promise<ActivityOut> {
  await onActivity(ctx, scope, activityId, requestId, 'autonomy.activity.attendance', () => writer(scope), async (tx) => {
    const [p] = await tx
      .select()
      .from(autonomyActivityParticipants)
      .where(and(eq(autonomyActivityParticipants.id, participantId), eq(autonomyActivityParticipants.activityId, activityId)));
    if (!p || !(await accessCases(tx, scope, [p.caseId])).get(p.caseId)?.sections.has('plan')) throw resourceNotFound('autonomy_activity_participant', participantId);
    const sessionIds = [...new Set(input.sessionIds)];
    const known = sessionIds.length
      ? (await tx.select({ id: autonomyActivitySessions.id }).from(autonomyActivitySessions).where(and(eq(autonomyActivitySessions.activityId, activityId), inArray(autonomyActivitySessions.id, sessionIds)))).map((s) => s.id)
      : [];
    const unknown = sessionIds.findIndex((s) => !known.includes(s));
    if (unknown >= 0) throw invalid(`/body/sessionIds/${input.sessionIds.indexOf(sessionIds[unknown]!)}`, 'unknown_item');
    await tx.delete(autonomyAttendance).where(eq(autonomyAttendance.participantId, participantId));
    if (sessionIds.length) await tx.insert(autonomyAttendance).values(sessionIds.map((sessionId) => ({ participantId, sessionId })));
    return { value: null, purpose: `participant:${participantId};sessions:${sessionIds.length}`, subjectIds: [p.caseId] };
  });
  return (await presentActivities(readHandle(ctx.database.db), scope, eq(autonomyActivities.id, activityId)))[0]!;
}

/**
 * The group work's counts for the expected results: workshop sessions
 * (`laboratorio_sessioni`), distinct women who attended at least one
 * session or were enrolled (`laboratorio_partecipanti`), training meetings
 * for operators — a meeting counts its sessions, or one when held in a day
 * without sessions (`incontri_formativi`) —, agreements (`accordi`).
 */
export async function groupWorkCounts(db: DbOrTx, programmeId: string): Promise<Record<'laboratorio_sessioni' | 'laboratorio_partecipanti' | 'incontri_formativi' | 'accordi', number>> {
  const result = await db.execute(sql`select
      (select count(*) from ${autonomyActivitySessions} s join ${autonomyActivities} a on a.id = s.activity_id where a.programme_id = ${programmeId} and a.kind = 'laboratorio_empowerment')::int as sessions,
      (select count(distinct p.case_id) from ${autonomyActivityParticipants} p join ${autonomyActivities} a on a.id = p.activity_id where a.programme_id = ${programmeId} and a.kind = 'laboratorio_empowerment')::int as participants,
      (select coalesce(sum(greatest((select count(*) from ${autonomyActivitySessions} s where s.activity_id = a.id), case when a.held_on is null then 0 else 1 end)), 0) from ${autonomyActivities} a where a.programme_id = ${programmeId} and a.kind = 'incontro_formativo_operatori')::int as meetings,
      (select count(*) from ${autonomyActivities} a where a.programme_id = ${programmeId} and a.kind = 'accordo')::int as agreements`);
  const row = { sessions: 0, participants: 0, meetings: 0, agreements: 0, ...(result.rows[0] as Record<string, unknown>) };
  const n = (v: unknown) => Number(v ?? 0);
  return { laboratorio_sessioni: n(row.sessions), laboratorio_partecipanti: n(row.participants), incontri_formativi: n(row.meetings), accordi: n(row.agreements) };
}

