import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseSection } from '../../../shared/cases.js';
import type { OrganisationType } from '../../../shared/domain.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { CaseReferralsOut, ReferralCreate, ReferralDecline, ReferralListOut, ReferralOut, ReferralPendingCountOut, ReferralSection, ReferralsQuery } from '../../../shared/referrals.api.js';
import { type ReferralState, referralStates } from '../../../shared/referrals.js';
import type { Scope } from '../../access/scope.js';
import { actedBy, writeAudit, writeAuditAlone, writeAuditsAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { caseConsents, caseMembers, headedOrganisation, inOrder, listedEvents, mayHoldCases, onCase, readOnCase, seal } from '../cases/index.js';
import { organisations } from '../organisations/index.js';
import { liveConsent, presentListItem, presentReferral, type ReferralRow, selectReferrals, type Side } from './referrals.present.js';
import { notifyReferral } from './referrals.notify.js';
import { referrals } from './referrals.tables.js';

/**
 * Referrals between organisations (docs/referrals.md). The referring side
 * acts through the case's choke point (`onCase`, an act of the owning
 * organisation); the recipient, who holds nothing of the case before
 * accepting, through the referral addressed to her organisation — which
 * shows the facts needed to decide and nothing of the record.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** Her organisation, when it may take part in referrals at all: never an instance admin, never a perpetrator programme. */
function ownOrganisation(scope: Scope) {
  const { organisation, isInstanceAdmin } = scope.principal;
  if (!organisation) throw new AppError('organisation_required');
  if (isInstanceAdmin || !mayHoldCases(organisation.type)) throw new AppError('forbidden');
  return organisation;
}

/** SQL: the referral's case has her on its team for her organisation. */
const onTeam = (scope: Scope, organisationId: string) =>
  sql`exists (select 1 from ${caseMembers} m where m.case_id = ${referrals.caseId} and m.user_id = ${scope.principal.userId} and m.organisation_id = ${organisationId})`;

/**
 * SQL: the referrals her organisation sent that she may see: those of the
 * cases she is on the team of; her organisation's head, all of them (she
 * assigns the cases, as on the caseload). Neither shows the woman.
 */
function sentVisible(scope: Scope, organisationId: string) {
  const sent = eq(referrals.fromOrganisationId, organisationId);
  return headedOrganisation(scope) === organisationId ? sent : and(sent, onTeam(scope, organisationId));
}

/** Her side of one referral (null: she may not see it). */
async function sideOf(db: Tx | ReturnType<typeof readHandle>, scope: Scope, row: typeof referrals.$inferSelect): Promise<Side | null> {
  const organisation = scope.principal.organisation;
  if (!organisation || scope.principal.isInstanceAdmin || !mayHoldCases(organisation.type)) return null;
  if (row.toOrganisationId === organisation.id) return 'recipient';
  if (row.fromOrganisationId !== organisation.id) return null;
  if (headedOrganisation(scope) === organisation.id) return 'sender';
  const [member] = await db
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, row.caseId), eq(caseMembers.userId, scope.principal.userId), eq(caseMembers.organisationId, organisation.id)));
  return member ? 'sender' : null;
}

/** The referral's audit rows name its case, so the case's access history shows them. */
const onReferral = (scope: Scope, requestId: string, action: Parameters<typeof actedBy>[2], row: { id: string; caseId: string }) => ({
  ...actedBy(scope, requestId, action, { type: 'case', id: row.caseId }),
  purpose: `referral:${row.id}`,
});

// --- The referring organisation ------------------------------------------

/**
 * Refers the case to the organisation a live sharing consent names, for a
 * purpose that consent lists, offering sections within it. A retry with
 * the same Idempotency-Key and body answers the referral the first one
 * made; with another body, 422.
 */
export async function createReferral(ctx: AppContext, scope: Scope, caseId: string, input: ReferralCreate, requestId: string, claim: IdempotencyClaim | null = null): Promise<ReferralOut> {
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return getReferral(ctx, scope, earlier, requestId);
  const id = randomUUID();
  await onCase(
    ctx,
    scope,
    caseId,
    requestId,
    'referral.create',
    'owner',
    async (tx, access) => {
      const [consent] = await tx
        .select({ consent: caseConsents, live: sql<boolean>`${liveConsent()}`, recipientType: organisations.type })
        .from(caseConsents)
        .leftJoin(organisations, eq(organisations.id, caseConsents.recipientOrganisationId))
        .where(and(eq(caseConsents.id, input.consentId), eq(caseConsents.caseId, caseId)));
      if (!consent || consent.consent.purpose !== 'condivisione' || !consent.consent.recipientOrganisationId) throw invalid({ pointer: '/body/consentId', code: 'unknown_consent' });
      if (!consent.live) throw invalid({ pointer: '/body/consentId', code: 'consent_not_live' });
      // Rule 6, again here: no consent may name a CUAV, and no referral reaches one.
      if (!mayHoldCases(consent.recipientType as OrganisationType)) throw invalid({ pointer: '/body/consentId', code: 'cuav_never' });
      const errors: FieldIssue[] = [];
      const allowed = consent.consent.referralPurposes;
      if (!allowed.includes(input.purpose)) errors.push({ pointer: '/body/purpose', code: 'purpose_not_consented' });
      const consented = consent.consent.sections as readonly CaseSection[];
      if (input.sections.some((s) => !consented.includes(s))) errors.push({ pointer: '/body/sections', code: 'sections_not_consented' });
      const recipient = consent.consent.recipientOrganisationId;
      const [pending] = await tx
        .select({ id: referrals.id })
        .from(referrals)
        .where(and(eq(referrals.caseId, caseId), eq(referrals.toOrganisationId, recipient), eq(referrals.state, 'in_attesa')));
      if (pending) errors.push({ pointer: '/body/consentId', code: 'referral_pending' });
      if (errors.length) throw invalid(...errors);
      await tx.insert(referrals).values({
        id,
        caseId,
        fromOrganisationId: access.row.organisationId,
        toOrganisationId: recipient,
        consentId: input.consentId,
        purpose: input.purpose,
        urgency: input.urgency,
        sections: input.sections,
        noteSealed: await seal(ctx.crypto, tx, access.row, 'referral.note', id, input.note),
        referredBy: scope.principal.userId,
      });
      // Her staff who may answer hear of it now, in the same transaction (docs/referrals.md, "Notifications").
      await notifyReferral(tx, 'received', { id, caseId, fromOrganisationId: access.row.organisationId, toOrganisationId: recipient }, { actorUserId: scope.principal.userId });
      if (claim) await recordResult(tx, claim, id);
    },
    () => `referral:${id}`,
  );
  return getReferral(ctx, scope, id, requestId);
}

/** The referrals of one case and the consents a new one may rest on: the owning organisation's team. */
export function caseReferrals(ctx: AppContext, scope: Scope, caseId: string, requestId: string): Promise<CaseReferralsOut> {
  return readOnCase(ctx, scope, caseId, requestId, 'referral.case_read', 'owner', async (db) => {
    const rows = await selectReferrals(db, eq(referrals.caseId, caseId)).orderBy(desc(referrals.referredAt), desc(referrals.id));
    const items = await inOrder(rows, (r) => presentReferral(ctx, db, r, 'sender', false));
    const consents = await db
      .select({ consent: caseConsents, recipient: { id: organisations.id, name: organisations.name, type: organisations.type } })
      .from(caseConsents)
      .innerJoin(organisations, eq(organisations.id, caseConsents.recipientOrganisationId))
      .where(and(eq(caseConsents.caseId, caseId), eq(caseConsents.purpose, 'condivisione'), liveConsent()))
      .orderBy(caseConsents.recordedAt);
    return {
      items,
      consents: consents
        .filter((c) => mayHoldCases(c.recipient.type as OrganisationType) && c.consent.referralPurposes.length > 0)
        .map((c) => ({
          consentId: c.consent.id,
          recipient: { ...c.recipient, type: c.recipient.type as OrganisationType },
          sections: c.consent.sections.filter((s): s is ReferralSection => s !== 'authors'),
          purposes: c.consent.referralPurposes,
          expiresOn: c.consent.expiresOn,
        })),
    };
  });
}

// --- Inbox and outbox -------------------------------------------------------

/**
 * Her organisation's referrals, received (`inbox`: every member of its
 * staff — the organisation decides, whoever takes it joins the team) or
 * sent (`outbox`), newest first, with the number in each state. Neither
 * shows anything of the record; each case shown is audited as listed.
 */
export async function listReferrals(ctx: AppContext, scope: Scope, box: 'inbox' | 'outbox', q: ReferralsQuery, requestId: string): Promise<ReferralListOut> {
  const organisation = ownOrganisation(scope);
  const db = readHandle(ctx.database.db);
  const mine = box === 'inbox' ? eq(referrals.toOrganisationId, organisation.id) : sentVisible(scope, organisation.id);
  const filters = and(mine, q.urgency ? eq(referrals.urgency, q.urgency) : undefined, q.purpose ? eq(referrals.purpose, q.purpose) : undefined);
  const where = and(filters, q.state ? eq(referrals.state, q.state) : undefined);
  const rows = await selectReferrals(db, where)
    .orderBy(desc(referrals.referredAt), desc(referrals.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const byState = await db.select({ state: referrals.state, n: count() }).from(referrals).where(filters).groupBy(referrals.state);
  const counts = Object.fromEntries(referralStates.map((s) => [s, 0])) as Record<ReferralState, number>;
  for (const c of byState) counts[c.state] = c.n;
  const total = q.state ? counts[q.state] : byState.reduce((n, c) => n + c.n, 0);
  const side: Side = box === 'inbox' ? 'recipient' : 'sender';
  const items = rows.map((r) => presentListItem(r, side));
  await writeAuditsAlone(ctx.database.db, [
    { ...actedBy(scope, requestId, 'referral.list'), purpose: `${box} page ${q.page}: ${items.length} referrals` },
    ...listedEvents(scope, requestId, 'referrals', items.map((i) => ({ id: i.case.id, identity: false }))),
  ]);
  return { items, total, counts };
}

/**
 * How many referrals addressed to her organisation wait for its answer, and
 * how many of those are urgent or an emergency: the navigation's number,
 * read on every page and every few minutes. One indexed count
 * (`referrals_to_idx`); it reads no case, no note, no sending organisation,
 * and writes no audit row — numbers of her organisation's own work are not
 * personal data, and a row per poll would drown the log (docs/referrals.md,
 * "Audit"). The same staff as the inbox; anyone else 403.
 */
export async function countPendingReceived(ctx: AppContext, scope: Scope): Promise<ReferralPendingCountOut> {
  const organisation = ownOrganisation(scope);
  const [row] = await readHandle(ctx.database.db)
    .select({
      pending: count(),
      urgent: sql<number>`count(*) filter (where ${inArray(referrals.urgency, ['urgente', 'emergenza'])})`.mapWith(Number),
    })
    .from(referrals)
    .where(and(eq(referrals.toOrganisationId, organisation.id), eq(referrals.state, 'in_attesa')));
  return { pending: row?.pending ?? 0, urgent: row?.urgent ?? 0 };
}

/** Staff who may decide for the recipient (the route's policy is the same; kept here so `acts` says it). */
const mayDecide = (scope: Scope) => ['organisation_head', 'operator', 'social_worker'].includes(scope.principal.organisationRole ?? '');

/** One referral as her side sees it; anyone else gets 404, audited as denied. */
export async function getReferral(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<ReferralOut> {
  const db = readHandle(ctx.database.db);
  const [r] = await selectReferrals(db, eq(referrals.id, id));
  const side = r ? await sideOf(db, scope, r.row) : null;
  if (!r || !side) {
    await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'referral.read', { type: 'referral', id }), outcome: 'denied' });
    throw new AppError('not_found');
  }
  const out = await presentReferral(ctx, db, r, side, mayDecide(scope));
  await writeAuditAlone(ctx.database.db, onReferral(scope, requestId, 'referral.read', r.row));
  return out;
}

// --- Answers: accept, decline, withdraw -------------------------------------

type Transition = 'referral.accept' | 'referral.decline' | 'referral.withdraw';
const ANSWER_NOTICE = { 'referral.accept': 'accepted', 'referral.decline': 'declined', 'referral.withdraw': 'withdrawn' } as const;
const DENIED = Symbol('denied');

/**
 * Runs an answer on a pending referral: one transaction, the row locked
 * (two people answering at once: the second waits, then finds it answered
 * and gets 409), only her side may (else 404, audited as denied), If-Match
 * checked (412), then the change with its version bumped and its audit row.
 */
async function answer(
  ctx: AppContext,
  scope: Scope,
  id: string,
  expected: number,
  requestId: string,
  action: Transition,
  side: Side,
  work: (tx: Tx, row: typeof referrals.$inferSelect) => Promise<Partial<typeof referrals.$inferInsert>>,
): Promise<ReferralOut> {
  const done = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [row] = await tx.select().from(referrals).where(eq(referrals.id, id)).for('update');
      if (!row || (await sideOf(tx, scope, row)) !== side || (side === 'recipient' && !mayDecide(scope))) {
        await writeAudit(tx, { ...actedBy(scope, requestId, action, row ? { type: 'case', id: row.caseId } : { type: 'referral', id }), purpose: row ? `referral:${row.id}` : null, outcome: 'denied' });
        return DENIED;
      }
      if (row.state !== 'in_attesa') throw new AppError('referral_not_pending');
      if (row.version !== expected) throw new AppError('precondition_failed');
      if (await ctx.crypto.cases.erased(tx, row.caseId)) throw new AppError('case_erased');
      const changes = await work(tx, row);
      // The lock makes this the only answer; the condition states it once more.
      const [moved] = await tx
        .update(referrals)
        .set({ ...changes, decidedBy: scope.principal.userId, decidedAt: new Date(), version: row.version + 1 })
        .where(and(eq(referrals.id, id), eq(referrals.state, 'in_attesa'), eq(referrals.version, expected)))
        .returning({ id: referrals.id });
      if (!moved) throw new AppError('referral_not_pending');
      await writeAudit(tx, onReferral(scope, requestId, action, row));
      // The other side hears of it in the same transaction: the sender's team of an answer, the recipient's staff of a withdrawal.
      const params = changes.declineReason ? { reason: changes.declineReason } : undefined;
      await notifyReferral(tx, ANSWER_NOTICE[action], row, { ...(params ? { params } : {}), actorUserId: scope.principal.userId });
      return row;
    },
    () => new AppError('conflict'),
  );
  if (done === DENIED) throw new AppError('not_found');
  const db = readHandle(ctx.database.db);
  const [r] = await selectReferrals(db, eq(referrals.id, id));
  return presentReferral(ctx, db, r as ReferralRow, side, mayDecide(scope));
}

/**
 * The recipient takes the referral: she joins the case's team on its
 * consent holding exactly the referral's sections (the choke point grants
 * those, within the consent's, while it is live). Already a member on the
 * same consent: she holds both shares' sections; on another consent, this
 * referral's consent and sections replace the earlier share.
 */
export function acceptReferral(ctx: AppContext, scope: Scope, id: string, expected: number, requestId: string) {
  return answer(ctx, scope, id, expected, requestId, 'referral.accept', 'recipient', async (tx, row) => {
    const [consent] = await tx.select({ id: caseConsents.id }).from(caseConsents).where(and(eq(caseConsents.id, row.consentId), liveConsent()));
    if (!consent) throw new AppError('consent_not_live');
    const [existing] = await tx
      .select({ consentId: caseMembers.consentId, sections: caseMembers.sections, organisationId: caseMembers.organisationId })
      .from(caseMembers)
      .where(and(eq(caseMembers.caseId, row.caseId), eq(caseMembers.userId, scope.principal.userId)));
    // Someone on staff of both organisations, on the team for the other one (the sender's referente, say): accepting
    // would move her place to the recipient and take the case from her own organisation. A colleague of B accepts.
    if (existing && existing.organisationId !== row.toOrganisationId) throw new AppError('on_team_for_other_organisation');
    const sections = existing?.consentId === row.consentId ? [...new Set([...existing.sections, ...row.sections])] : row.sections;
    await tx
      .insert(caseMembers)
      .values({ caseId: row.caseId, userId: scope.principal.userId, organisationId: row.toOrganisationId, referente: false, sections, consentId: row.consentId, addedBy: scope.principal.userId })
      .onConflictDoUpdate({ target: [caseMembers.caseId, caseMembers.userId], set: { sections, consentId: row.consentId, organisationId: row.toOrganisationId, referente: false } });
    return { state: 'accettata' };
  });
}

/** The recipient declines, with a coded reason and an optional note (sealed with the case's key). The sender may refer again. */
export function declineReferral(ctx: AppContext, scope: Scope, id: string, expected: number, input: ReferralDecline, requestId: string) {
  return answer(ctx, scope, id, expected, requestId, 'referral.decline', 'recipient', async (tx, row) => ({
    state: 'rifiutata',
    declineReason: input.reason,
    declineNoteSealed: await seal(ctx.crypto, tx, { id: row.caseId, organisationId: row.fromOrganisationId }, 'referral.decline_note', row.id, input.note),
  }));
}

/** The sender takes a pending referral back. */
export function withdrawReferral(ctx: AppContext, scope: Scope, id: string, expected: number, requestId: string) {
  return answer(ctx, scope, id, expected, requestId, 'referral.withdraw', 'sender', async () => ({ state: 'ritirata' }));
}

// --- For the jobs (the expiry) ----------------------------------------------

/**
 * Ends a referral nobody answered (the expiry job): `in_attesa` →
 * `scaduta`, in the caller's transaction, audited on its case. False when
 * it was no longer pending (answered meanwhile): nothing written.
 */
export async function expireReferral(tx: Tx, id: string, now = new Date()): Promise<boolean> {
  const [row] = await tx
    .update(referrals)
    .set({ state: 'scaduta', decidedAt: now, version: sql`${referrals.version} + 1` })
    .where(and(eq(referrals.id, id), eq(referrals.state, 'in_attesa')))
    .returning({ id: referrals.id, caseId: referrals.caseId });
  if (!row) return false;
  await writeAudit(tx, { action: 'referral.expire', outcome: 'success', resourceType: 'case', resourceId: row.caseId, purpose: `referral:${row.id}` });
  return true;
}
