import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, isNull, ne, sql } from 'drizzle-orm';
import { type CaseSection, type CaseStage, type RiskLevel, caseSections, caseStages } from '../../../shared/cases.js';
import { type CaseloadSort } from '../../../shared/cases.api.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { MembershipRole } from '../../../shared/domain.js';
import { memberships, users } from '../../access/access.tables.js';
import { organisations } from '../organisations/index.js';
import { notify } from '../notifications/index.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditsAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday, romeMidnight } from '../../platform/rome.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { type PageQuery, pageOffset } from '../../platform/paging.js';
import { networkComuni } from '../directory/index.js';
import { comuni } from '../directory/index.js';
import { type CaseAccess, consentLive, listedEvents, mayHoldCases, readCases } from './cases.access.js';
import { presentCase, presentSummaries, teamOf } from './cases.present.js';
import { checkVersion, onCase, onOwnCase, readOnCase } from './cases.run.js';
import { type CaseCreate, type CasePatch, type StageChange, caseProfile } from '../../../shared/cases.api.js';
import { seal } from './cases.seal.js';
import { workloadWhere } from './caseload.filters.js';
import { caseloadPage } from './caseload.page.js';
import type { WorkloadFilters } from '../../../shared/tasks.api.js';
import { indexIdentity } from './search.index.js';
import { caseBreakGlass, caseConsents, caseEvents, caseMembers, caseStageChanges, cases } from './cases.tables.js';

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));

/** Crockford base32 without I, L, O, U: read over the phone without doubt. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A pseudonymous code: the year and 8 random characters (40 bits), nothing about her. */
export function newCaseCode(contactOn: string): string {
  const bytes = randomBytes(8);
  const tail = Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
  return `P${contactOn.slice(2, 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** The network of a comune (null outside every network); an unknown comune is a field error. */
async function networkOf(tx: Tx, comuneCode: string | null | undefined, pointer: string): Promise<string | null> {
  if (!comuneCode) return null;
  const [found] = await tx
    .select({ networkId: networkComuni.networkId })
    .from(comuni)
    .leftJoin(networkComuni, eq(networkComuni.istatCode, comuni.istatCode))
    .where(eq(comuni.istatCode, comuneCode));
  if (!found) throw invalid({ pointer, code: 'unknown_comune' });
  return found.networkId ?? null;
}

function staffOrganisation(scope: Scope) {
  const organisation = scope.principal.organisation;
  if (!organisation) throw new AppError('organisation_required');
  if (!mayHoldCases(organisation.type)) throw new AppError('forbidden');
  return organisation;
}

/** Opens a pathway at the first contact; she is anonymous unless an identity is given. The operator joins the team as its referente. */
export async function createCase(ctx: AppContext, scope: Scope, input: CaseCreate, requestId: string, claim: IdempotencyClaim | null = null) {
  const organisation = staffOrganisation(scope);
  // A retried first contact (same Idempotency-Key and body): the case it opened, not a second one.
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return getCase(ctx, scope, earlier, requestId);
  return write(ctx, async (tx) => {
    const id = await insertCase(ctx, tx, scope, organisation.id, input);
    if (claim) await recordResult(tx, claim, id);
    await writeAudit(tx, actedBy(scope, requestId, 'case.create', { type: 'case', id }));
    const [row] = await tx.select().from(cases).where(eq(cases.id, id));
    return presentCase(ctx, tx, { row: row!, via: 'team', sections: new Set(caseSections), owner: true, viewer: { userId: scope.principal.userId, organisationId: organisation.id }, coordination: null });
  });
}

/**
 * Writes a new pathway at its first contact in the caller's transaction,
 * the operator on its team as referente, and returns its id (its audit row
 * is the caller's). Used by the first contact above and by an inbound
 * referral turned into a case (intake module), in that referral's transaction.
 */
export async function insertCase(ctx: AppContext, tx: Tx, scope: Scope, organisationId: string, input: CaseCreate): Promise<string> {
  const organisation = { id: organisationId };
  const id = randomUUID();
  const networkId = await networkOf(tx, input.comuneCode, '/body/comuneCode');
  const profile = caseProfile.parse({ ...input.profile, ...(input.accessChannel ? { accessChannel: input.accessChannel } : {}) });
  if (input.contactOn > romeToday()) throw invalid({ pointer: '/body/contactOn', code: 'in_future' });
  // The first contact happened on its day: now if that is today, else at its given time or midday of that day.
  const firstEventAt = !input.firstEvent ? null : input.firstEvent.at ?? (input.contactOn === romeToday() ? new Date() : new Date(romeMidnight(input.contactOn).getTime() + 12 * 3_600_000));
  if (firstEventAt && firstEventAt.getTime() > Date.now() + 5 * 60_000) throw invalid({ pointer: '/body/firstEvent/at', code: 'in_future' });
  // Opened as an emergency (docs/cases.md): the first contact on the timeline is marked as its start; without one, the opening itself is.
  const eventId = randomUUID();
  const emergencyBy = !input.emergency ? {} : firstEventAt ? { emergencySource: 'evento' as const, emergencySourceId: eventId, emergencyChangedAt: new Date() } : { emergencySource: 'apertura' as const, emergencyChangedAt: new Date() };
  await tx.insert(cases).values({
    id,
    code: newCaseCode(input.contactOn),
    organisationId: organisation.id,
    contactOn: input.contactOn,
    emergency: input.emergency,
    ...emergencyBy,
    comuneCode: input.comuneCode ?? null,
    networkId,
    profile,
    identitySealed: await seal(ctx.crypto, tx, { id, organisationId: organisation.id }, 'case.identity', id, input.identity),
    safeContactSealed: await seal(ctx.crypto, tx, { id, organisationId: organisation.id }, 'case.safe_contact', id, input.safeContact),
    lastContactAt: firstEventAt,
    createdBy: scope.principal.userId,
  });
  if (input.identity) await indexIdentity(ctx, tx, { id, organisationId: organisation.id }, input.identity);
  await tx.insert(caseStageChanges).values({ caseId: id, stage: 'contatto', on: input.contactOn, byUserId: scope.principal.userId });
  await tx.insert(caseMembers).values({
    caseId: id,
    userId: scope.principal.userId,
    organisationId: organisation.id,
    referente: true,
    sections: [...caseSections],
    addedBy: scope.principal.userId,
  });
  if (input.firstEvent && firstEventAt) {
    const { notes, at: _at, ...event } = input.firstEvent;
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: id,
      at: firstEventAt,
      ...event,
      emergency: input.emergency ? 'inizio' : null,
      organisationId: organisation.id,
      operatorUserId: scope.principal.userId,
      notesSealed: await seal(ctx.crypto, tx, { id, organisationId: organisation.id }, 'case_event.notes', eventId, notes),
    });
  }
  return id;
}

export interface CaseListQuery extends PageQuery, WorkloadFilters {
  stage?: CaseStage | undefined;
  riskLevel?: RiskLevel | undefined;
  mine?: boolean | undefined;
  code?: string | undefined;
  /** No contact for at least this many days (open pathways only). */
  staleDays?: number | undefined;
  sort?: CaseloadSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** The caseload: one audited read, summaries only — on a read handle, its audit rows appended alone (as the case read: cases.run.ts readOnCase). */
export async function listCases(ctx: AppContext, scope: Scope, q: CaseListQuery, requestId: string) {
  const db = readHandle(ctx.database.db);
  const mine = sql`exists (select 1 from ${caseMembers} m where m.case_id = ${cases.id} and m.user_id = ${scope.principal.userId})`;
  const stale = q.staleDays
    ? sql`${cases.stage} <> 'concluso' and coalesce(${cases.lastContactAt}, ${cases.createdAt}) < now() - make_interval(days => ${q.staleDays})`
    : undefined;
  const filters = and(
    q.stage ? eq(cases.stage, q.stage) : undefined,
    q.riskLevel ? eq(cases.riskLevel, q.riskLevel) : undefined,
    q.mine ? mine : undefined,
    q.code ? ilike(cases.code, `${q.code.replace(/[\\%_]/g, '')}%`) : undefined,
    stale,
    workloadWhere(q, romeToday(), ctx.config.minorDeadlineDays),
  );
  // The list's identity for its cached total: every filter, and the day (the workload's conditions are by date).
  const { page: _page, pageSize: _size, sort: _sort, order: _order, ...listFilters } = q;
  const listKey = JSON.stringify([romeToday(), Object.entries(listFilters).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))]);
  const { ids, total } = await caseloadPage(db, scope, filters, { sort: q.sort, order: q.order, limit: q.pageSize, offset: pageOffset(q), listKey });
  const read = await readCases(db, scope, ids);
  const byId = new Map(read.rows.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const items = await presentSummaries(ctx, db, rows, read.access);
  // Every case shown is named (listedEvents), so every access to her record is one query (inserted unchained: no lock, audit.chain.ts).
  await writeAuditsAlone(ctx.database.db, [
    { ...actedBy(scope, requestId, 'case.list'), purpose: `page ${q.page}: ${rows.length} cases` },
    ...listedEvents(scope, requestId, 'caseload', items.map((item) => ({ id: item.id, identity: item.alias !== null }))),
  ]);
  return { items, total };
}

export function getCase(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  // The page's record comes with the choke point's decision: one statement for both.
  return readOnCase(ctx, scope, id, requestId, 'case.read', 'case', (db, access) => presentCase(ctx, db, access), { record: true });
}

/** Bumps the version of a case after a change to it or to one of its parts. */
export async function touchCase(tx: Tx, access: CaseAccess, changes: Partial<typeof cases.$inferInsert> = {}) {
  const [row] = await tx
    .update(cases)
    .set({ ...changes, version: access.row.version + 1, updatedAt: new Date() })
    .where(and(eq(cases.id, access.row.id), eq(cases.version, access.row.version)))
    .returning();
  if (!row) throw new AppError('precondition_failed');
  return { ...access, row };
}

export function updateCase(ctx: AppContext, scope: Scope, id: string, version: number, patch: CasePatch, requestId: string) {
  return onCase(ctx, scope, id, requestId, 'case.update', 'owner', async (tx, access) => {
    checkVersion(access, version);
    // The record is the owning organisation's (onCase 'owner'): a member of another organisation changes none of it.
    const { row } = access;
    const changes: Partial<typeof cases.$inferInsert> = {};
    if (patch.comuneCode !== undefined) {
      changes.comuneCode = patch.comuneCode;
      changes.networkId = await networkOf(tx, patch.comuneCode, '/body/comuneCode');
    }
    if (patch.profile !== undefined) changes.profile = patch.profile;
    if (patch.identity !== undefined) {
      changes.identitySealed = await seal(ctx.crypto, tx, row, 'case.identity', id, patch.identity);
      // The blind index follows her identity in the same transaction (null: erased from it too).
      await indexIdentity(ctx, tx, row, patch.identity);
    }
    if (patch.safeContact !== undefined) changes.safeContactSealed = await seal(ctx.crypto, tx, row, 'case.safe_contact', id, patch.safeContact);
    return presentCase(ctx, tx, await touchCase(tx, access, changes));
  });
}

const stageIndex = (s: string) => caseStages.indexOf(s as CaseStage);
const stageDate = { accoglienza: 'accoglienzaOn', presa_in_carico: 'presaInCaricoOn', concluso: 'closedOn' } as const;

/** Moves the pathway forward (stages may be skipped, never undone: re-open instead); the date cannot precede the previous stage's. */
export function changeStage(ctx: AppContext, scope: Scope, id: string, version: number, change: StageChange, requestId: string) {
  return onCase(ctx, scope, id, requestId, 'case.stage', 'owner', async (tx, access) => {
    checkVersion(access, version);
    const { row } = access;
    if (stageIndex(change.stage) <= stageIndex(row.stage)) {
      throw invalid({ pointer: '/body/stage', code: 'stage_not_forward' });
    }
    // The latest date in the pathway's history (a re-opening included), not only the current stage's.
    const [latest] = await tx.select({ on: sql<string>`max(${caseStageChanges.on})::text` }).from(caseStageChanges).where(eq(caseStageChanges.caseId, id));
    const previous = latest?.on ?? row.contactOn;
    if (change.on < previous) throw invalid({ pointer: '/body/on', code: 'date_before_previous_stage' });
    const changes: Partial<typeof cases.$inferInsert> = { stage: change.stage, [stageDate[change.stage]]: change.on };
    if (change.stage === 'concluso') changes.closureOutcome = change.outcome;
    await tx.insert(caseStageChanges).values({ caseId: id, stage: change.stage, on: change.on, outcome: change.stage === 'concluso' ? change.outcome : null, byUserId: scope.principal.userId });
    return presentCase(ctx, tx, await touchCase(tx, access, changes));
  });
}

/** Re-opens a closed pathway: the closure stays in the history, the case is open again. */
export function reopenCase(ctx: AppContext, scope: Scope, id: string, version: number, input: { on: string; stage: 'accoglienza' | 'presa_in_carico' }, requestId: string) {
  return onCase(ctx, scope, id, requestId, 'case.stage', 'owner', async (tx, access) => {
    checkVersion(access, version);
    const { row } = access;
    if (row.stage !== 'concluso') throw invalid({ pointer: '/body', code: 'case_not_closed' });
    if (input.on < row.closedOn!) throw invalid({ pointer: '/body/on', code: 'date_before_previous_stage' });
    await tx.insert(caseStageChanges).values({ caseId: id, stage: input.stage, on: input.on, reopened: true, byUserId: scope.principal.userId });
    const changes: Partial<typeof cases.$inferInsert> = {
      stage: input.stage,
      closedOn: null,
      closureOutcome: null,
      reopenedCount: row.reopenedCount + 1,
      ...(input.stage === 'presa_in_carico' ? { presaInCaricoOn: row.presaInCaricoOn ?? input.on } : { accoglienzaOn: row.accoglienzaOn ?? input.on }),
    };
    return presentCase(ctx, tx, await touchCase(tx, access, changes));
  });
}

/**
 * Break-the-glass: the head opens a case of her organisation she is not on
 * the team of, for a stated reason, for BREAK_GLASS_HOURS. The team sees
 * who and when on the case; the audit row carries the purpose.
 */
export const BREAK_GLASS_HOURS = 8;
export async function breakGlass(ctx: AppContext, scope: Scope, id: string, reason: string, requestId: string) {
  await onOwnCase(ctx, scope, id, requestId, 'case.break_glass', async (tx, row) => {
    const glassId = randomUUID();
    await tx.insert(caseBreakGlass).values({
      id: glassId,
      caseId: id,
      userId: scope.principal.userId,
      reasonSealed: (await seal(ctx.crypto, tx, row, 'case_break_glass.reason', glassId, reason))!,
      expiresAt: new Date(Date.now() + BREAK_GLASS_HOURS * 3_600_000),
    });
  });
  return getCase(ctx, scope, id, requestId);
}

const STAFF_ROLES: MembershipRole[] = ['organisation_head', 'operator', 'social_worker'];

/**
 * Adds a member to the team (the owning organisation's head, who manages
 * the team from the caseload without opening the case). Staff of the
 * organisation see every section; someone of another organisation joins
 * only on a live sharing consent for her organisation, and sees only the
 * sections both the consent and this share list.
 */
export function addMember(ctx: AppContext, scope: Scope, id: string, input: { userId: string; referente: boolean; sections?: string[] | undefined }, requestId: string) {
  return onOwnCase(ctx, scope, id, requestId, 'case.team', async (tx, row) => {
    // The head opens a case she is not on only by breaking the glass (a reason, hours, never the authors): she never joins its team by herself.
    if (input.userId === scope.principal.userId) throw new AppError('own_account_change');
    const theirs = await tx
      .select({ organisationId: memberships.organisationId, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, input.userId), isNull(users.disabledAt)));
    const ownStaff = theirs.some((m) => m.organisationId === row.organisationId && STAFF_ROLES.includes(m.role as MembershipRole));
    let values: typeof caseMembers.$inferInsert;
    if (ownStaff) {
      values = { caseId: id, userId: input.userId, organisationId: row.organisationId, referente: input.referente, sections: [...caseSections], addedBy: scope.principal.userId };
    } else {
      const candidates = theirs.filter((m) => STAFF_ROLES.includes(m.role as MembershipRole)).map((m) => m.organisationId);
      const consents = await tx
        .select({ id: caseConsents.id, organisationId: caseConsents.recipientOrganisationId, sections: caseConsents.sections })
        .from(caseConsents)
        .where(and(eq(caseConsents.caseId, id), eq(caseConsents.purpose, 'condivisione'), consentLive()));
      // One consent carries the share (its revocation ends it): the broadest that covers what is asked.
      const usable = consents.filter((c) => c.organisationId && candidates.includes(c.organisationId)).sort((a, b) => b.sections.length - a.sections.length);
      const wanted = input.sections;
      const consent = usable.find((c) => !wanted || wanted.every((s) => (c.sections as readonly string[]).includes(s))) ?? usable[0];
      if (!consent) {
        throw invalid({ pointer: '/body/userId', code: 'no_consent_for_share' });
      }
      const sections = (wanted ?? consent.sections).filter((s) => s !== 'authors');
      if (!sections.length || sections.some((s) => !(consent.sections as readonly string[]).includes(s)) || wanted?.includes('authors')) {
        throw invalid({ pointer: '/body/sections', code: 'sections_not_consented' });
      }
      values = { caseId: id, userId: input.userId, organisationId: consent.organisationId!, referente: false, sections, consentId: consent.id, addedBy: scope.principal.userId };
    }
    if (values.referente) await tx.update(caseMembers).set({ referente: false }).where(eq(caseMembers.caseId, id));
    const [joined] = await tx
      .insert(caseMembers)
      .values(values)
      .onConflictDoUpdate({ target: [caseMembers.caseId, caseMembers.userId], set: { referente: values.referente, sections: values.sections, consentId: values.consentId ?? null } })
      .returning({ new: sql<boolean>`(xmax = 0)` });
    // She hears of it in her notification centre, as a member of the organisation she joins for: the case's code at most, never its content.
    if (joined?.new) await notify(tx, { recipients: { people: [input.userId], organisationId: values.organisationId }, kind: 'case_team_added', target: { type: 'case', caseId: id }, actorUserId: scope.principal.userId });
    return teamOf(tx, id);
  }, `member added: ${input.userId}`);
}

export function removeMember(ctx: AppContext, scope: Scope, id: string, userId: string, requestId: string) {
  return onOwnCase(ctx, scope, id, requestId, 'case.team', async (tx) => {
    const removed = await tx.delete(caseMembers).where(and(eq(caseMembers.caseId, id), eq(caseMembers.userId, userId))).returning();
    if (!removed.length) throw new AppError('not_found');
    return teamOf(tx, id);
  }, `member removed: ${userId}`);
}

export function getTeam(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  return onOwnCase(ctx, scope, id, requestId, 'case.team', (tx) => teamOf(tx, id), 'read');
}

/**
 * Who the head may add to the team: her organisation's staff, and the staff
 * of each organisation a live sharing consent of this case names (with the
 * sections that consent covers). Nobody else can join.
 */
export function teamCandidates(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  return onOwnCase(
    ctx,
    scope,
    id,
    requestId,
    'case.team',
    async (tx, row) => {
      const shares = await tx
        .select({ organisationId: caseConsents.recipientOrganisationId, sections: caseConsents.sections })
        .from(caseConsents)
        .where(and(eq(caseConsents.caseId, id), eq(caseConsents.purpose, 'condivisione'), consentLive()));
      // Per organisation, the broadest single consent: a share rests on one consent (see addMember).
      const sectionsOf = new Map<string, CaseSection[]>();
      for (const share of shares) {
        if (share.organisationId && share.sections.length > (sectionsOf.get(share.organisationId)?.length ?? -1)) sectionsOf.set(share.organisationId, share.sections);
      }
      const organisationIds = [row.organisationId, ...sectionsOf.keys()];
      const staff = await tx
        .select({ userId: users.id, displayName: users.displayName, organisation: { id: organisations.id, name: organisations.name }, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
        .where(and(inArray(memberships.organisationId, organisationIds), inArray(memberships.role, STAFF_ROLES), isNull(users.disabledAt), ne(users.id, scope.principal.userId)))
        .orderBy(asc(organisations.name), asc(users.displayName));
      return staff.map((s) => ({
        userId: s.userId,
        displayName: s.displayName,
        organisation: s.organisation,
        role: s.role,
        sharedSections: s.organisation.id === row.organisationId ? null : (sectionsOf.get(s.organisation.id) ?? []).filter((x) => x !== 'authors'),
      }));
    },
    'read',
  );
}
