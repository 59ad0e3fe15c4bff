import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/problems.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday, romeMidnight } from '../../platform/rome.js';
import { type PageQuery, pageOffset } from '../../platform/paging.js';
import { organisations } from '../organisations/index.js';
import { type CaseAccess, mayHoldCases } from './cases.access.js';
import { deriveEmergency, emergencyPurpose } from './cases.emergency.js';
import type { OrganisationType } from '../../../shared/domain.js';
import { markChanged, onCase, replacePart } from './cases.run.js';
import type { AuthorFields, ChildFields, ConsentCreate, EventCreate } from '../../../shared/cases.api.js';
import { inOrder, seal, unseal } from './cases.seal.js';
import { documentOfCase } from './documents.service.js';
import { caseAuthors, caseChildren, caseConsents, caseEvents, caseMembers, cases } from './cases.tables.js';
// The referrals table through the schema (not the referrals module, which builds on this one): revocation and the timeline touch it.
import { referrals } from '../../schema.js';
import { endCoordinationOn } from './coordination.end.js';
import { tellWhatEnded } from './consents.ended.js';
import { consentGiverCheck } from './minors.consent.js';
import { withOwnCases } from './minors.service.js';

/** The parts of a case: consent ledger, timeline, children, authors. Each goes through the case's choke point and section. */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

// --- Consent ledger -------------------------------------------------------

async function consentsOf(tx: Tx, caseId: string) {
  const rows = await tx
    .select({
      id: caseConsents.id,
      purpose: caseConsents.purpose,
      recipient: { id: organisations.id, name: organisations.name },
      sections: caseConsents.sections,
      channel: caseConsents.channel,
      givenOn: caseConsents.givenOn,
      form: caseConsents.form,
      expiresOn: caseConsents.expiresOn,
      documentId: caseConsents.documentId,
      referralPurposes: caseConsents.referralPurposes,
      givenBy: caseConsents.givenBy,
      holderId: caseConsents.holderId,
      recordedBy: users.displayName,
      recordedAt: caseConsents.recordedAt,
      revokedAt: caseConsents.revokedAt,
    })
    .from(caseConsents)
    .leftJoin(organisations, eq(organisations.id, caseConsents.recipientOrganisationId))
    .leftJoin(users, eq(users.id, caseConsents.recordedBy))
    .where(eq(caseConsents.caseId, caseId))
    .orderBy(asc(caseConsents.recordedAt));
  const now = romeToday();
  return rows.map((r) => ({
    ...r,
    recipient: r.recipient?.id ? r.recipient : null,
    active: !r.revokedAt && (!r.expiresOn || r.expiresOn >= now),
  }));
}

export function listConsents(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.consents_read', 'consents', (tx) => consentsOf(tx, caseId));
}

/** Records a consent as she gave it: per purpose, and per recipient organisation for sharing. */
export function createConsent(ctx: AppContext, scope: Scope, caseId: string, input: ConsentCreate, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.consent_create', 'owner', async (tx, access) => {
    const errors: FieldIssue[] = [];
    const sharing = input.purpose === 'condivisione';
    if (sharing && !input.recipientOrganisationId) errors.push({ pointer: '/body/recipientOrganisationId', code: 'required' });
    if (!sharing && input.recipientOrganisationId) errors.push({ pointer: '/body/recipientOrganisationId', code: 'not_allowed' });
    if (sharing && !input.sections.length) errors.push({ pointer: '/body/sections', code: 'required' });
    if (input.purpose === 'contatto' && !input.channel) errors.push({ pointer: '/body/channel', code: 'required' });
    if (!sharing && input.referralPurposes?.length) errors.push({ pointer: '/body/referralPurposes', code: 'purposes_only_for_sharing' });
    if (input.expiresOn && input.expiresOn < input.givenOn) errors.push({ pointer: '/body/expiresOn', code: 'before_given' });
    if (sharing && input.recipientOrganisationId) {
      const [recipient] = await tx.select({ id: organisations.id, type: organisations.type }).from(organisations).where(eq(organisations.id, input.recipientOrganisationId));
      if (!recipient || recipient.id === access.row.organisationId) {
        errors.push({ pointer: '/body/recipientOrganisationId', code: 'unknown_organisation' });
      } else if (!mayHoldCases(recipient.type as OrganisationType)) {
        errors.push({ pointer: '/body/recipientOrganisationId', code: 'cuav_never' });
      }
    }
    if (input.documentId && !(await documentOfCase(tx, caseId, input.documentId))) {
      errors.push({ pointer: '/body/documentId', code: 'unknown_document' });
    }
    // Who gave it: on a minor's case, the law's rule (docs/minors.md); the author of the violence never.
    const giver = await consentGiverCheck(tx, caseId, input);
    errors.push(...giver.issues);
    if (errors.length) throw invalid(...errors);
    await tx.insert(caseConsents).values({
      caseId,
      purpose: input.purpose,
      recipientOrganisationId: sharing ? input.recipientOrganisationId! : null,
      sections: sharing ? input.sections.filter((s) => s !== 'authors') : [],
      channel: input.channel ?? null,
      givenOn: input.givenOn,
      form: input.form,
      expiresOn: input.expiresOn ?? null,
      documentId: input.documentId ?? null,
      referralPurposes: sharing ? [...new Set(input.referralPurposes ?? [])] : [],
      givenBy: giver.givenBy,
      holderId: giver.holderId,
      recordedBy: scope.principal.userId,
    });
    await markChanged(tx, caseId);
    return consentsOf(tx, caseId);
  });
}

/**
 * Revocation takes effect at once: members who joined on this consent
 * (a share, or an accepted referral) leave the team, and the referrals
 * still pending on it end as `annullata`, in the same transaction.
 */
export function revokeConsent(ctx: AppContext, scope: Scope, caseId: string, consentId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.consent_revoke', 'owner', async (tx) => {
    const [consent] = await tx.select({ revokedAt: caseConsents.revokedAt }).from(caseConsents).where(and(eq(caseConsents.id, consentId), eq(caseConsents.caseId, caseId)));
    if (!consent) throw new AppError('not_found');
    // The first revocation is the one that counts: its date and author stay.
    if (consent.revokedAt) throw invalid({ pointer: '/params/partId', code: 'already_revoked' });
    await tx.update(caseConsents).set({ revokedAt: new Date(), revokedBy: scope.principal.userId }).where(eq(caseConsents.id, consentId));
    await endWhatRestsOn(tx, scope, caseId, [consentId]);
    await markChanged(tx, caseId);
    return consentsOf(tx, caseId);
  });
}

/**
 * What revoked consents carried ends with them, in the revoking transaction
 * (a revocation by hand, or a holder of parental responsibility found to be
 * the author): the members who joined on them leave the team, and the
 * referrals still pending on them end as `annullata` (each audited, and
 * the people concerned told: consents.ended.ts), and a coordination
 * handed on them returns to the owner.
 */
export async function endWhatRestsOn(tx: Tx, scope: Scope, caseId: string, consentIds: string[]): Promise<void> {
  if (!consentIds.length) return;
  const left = await tx
    .delete(caseMembers)
    .where(and(eq(caseMembers.caseId, caseId), inArray(caseMembers.consentId, consentIds)))
    .returning({ userId: caseMembers.userId, organisationId: caseMembers.organisationId, consentId: caseMembers.consentId });
  await endCoordinationOn(tx, caseId, consentIds);
  const annulled = await tx
    .update(referrals)
    .set({ state: 'annullata', decidedAt: new Date(), decidedBy: scope.principal.userId, version: sql`${referrals.version} + 1` })
    .where(and(inArray(referrals.consentId, consentIds), eq(referrals.state, 'in_attesa')))
    .returning({ id: referrals.id, toOrganisationId: referrals.toOrganisationId });
  // Audited and told in the same transaction (docs/referrals.md, "Revocation ends it").
  await tellWhatEnded(tx, scope, caseId, left.flatMap((m) => (m.consentId ? [{ ...m, consentId: m.consentId }] : [])), annulled);
}

// --- Timeline -------------------------------------------------------------

export interface EventQuery extends PageQuery {
  type?: EventCreate['type'] | undefined;
  channel?: EventCreate['channel'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function listEvents(ctx: AppContext, scope: Scope, caseId: string, q: EventQuery, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.events_read', 'timeline', async (tx) => {
    const where = and(
      eq(caseEvents.caseId, caseId),
      q.type ? eq(caseEvents.type, q.type) : undefined,
      q.channel ? eq(caseEvents.channel, q.channel) : undefined,
      q.from ? gte(caseEvents.at, romeMidnight(q.from)) : undefined,
      q.to ? lt(caseEvents.at, romeMidnight(q.to, 1)) : undefined,
    );
    const rows = await tx
      .select({
        id: caseEvents.id,
        at: caseEvents.at,
        channel: caseEvents.channel,
        type: caseEvents.type,
        riskEvent: caseEvents.riskEvent,
        emergency: caseEvents.emergency,
        durationMinutes: caseEvents.durationMinutes,
        organisation: { id: organisations.id, name: organisations.name },
        operator: users.displayName,
        notesSealed: caseEvents.notesSealed,
      })
      .from(caseEvents)
      .innerJoin(organisations, eq(organisations.id, caseEvents.organisationId))
      .leftJoin(users, eq(users.id, caseEvents.operatorUserId))
      .where(where)
      .orderBy(desc(caseEvents.at))
      .limit(q.pageSize)
      .offset(pageOffset(q));
    const [total] = await tx.select({ n: count() }).from(caseEvents).where(where);
    const items = await inOrder(rows, async ({ notesSealed, ...r }) => ({ ...r, notes: await unseal<string>(ctx.crypto, tx, 'case_event.notes', r.id, notesSealed) }));
    return { items, total: total!.n };
  });
}

/** Records a timeline event; one marked `emergency` sets or ends the case's emergency in the same transaction (docs/cases.md). */
export function createEvent(ctx: AppContext, scope: Scope, caseId: string, input: EventCreate, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.event_create', 'timeline', async (tx, access) => {
    if (input.at.getTime() > Date.now() + 5 * 60_000) throw invalid({ pointer: '/body/at', code: 'in_future' });
    const inEmergency = input.emergency ? await checkEmergencyMark(tx, access, input) : false;
    const id = randomUUID();
    const organisationId = scope.principal.organisation!.id;
    await tx.insert(caseEvents).values({
      id,
      caseId,
      at: input.at,
      channel: input.channel,
      type: input.type,
      riskEvent: input.riskEvent ?? null,
      emergency: input.emergency ?? null,
      durationMinutes: input.durationMinutes ?? null,
      organisationId,
      operatorUserId: scope.principal.userId,
      // Sealed with the owning organisation's key: the record stays readable to its team.
      notesSealed: await seal(ctx.crypto, tx, access.row, 'case_event.notes', id, input.notes),
    });
    // Time to first contact (docs/referrals.md): her organisation's first contact after accepting a referral of this case,
    // at the contact's own time (one made before the referral was sent answers nothing).
    await tx
      .update(referrals)
      .set({ firstContactAt: input.at })
      .where(
        and(eq(referrals.caseId, caseId), eq(referrals.toOrganisationId, organisationId), eq(referrals.state, 'accettata'), isNull(referrals.firstContactAt), lte(referrals.referredAt, input.at)),
      );
    await markChanged(tx, caseId, input.at);
    const on = input.emergency === 'inizio';
    const changed = input.emergency && on !== inEmergency ? await deriveEmergency(tx, caseId, on, { source: 'evento', id }) : false;
    return { id, changed, on };
  }, (v) => emergencyPurpose(v.changed, v.on) ?? '').then(({ id }) => ({ id }));
}

/**
 * An event that marks the emergency, checked with the case row locked (two
 * marks at once run one after the other): ending it needs its reason in the
 * notes, a case in emergency, and the owning organisation — the team that
 * holds the pathway decides it is over; a partner may report one starting.
 * Returns whether the case is in emergency now.
 */
async function checkEmergencyMark(tx: Tx, access: CaseAccess, input: EventCreate): Promise<boolean> {
  const [row] = await tx.select({ emergency: cases.emergency }).from(cases).where(eq(cases.id, access.row.id)).for('update');
  const now = !!row?.emergency;
  if (input.emergency !== 'fine') return now;
  const errors: FieldIssue[] = [];
  if (!access.owner) errors.push({ pointer: '/body/emergency', code: 'not_allowed' });
  else if (!now) errors.push({ pointer: '/body/emergency', code: 'not_in_emergency' });
  if (!input.notes?.trim()) errors.push({ pointer: '/body/notes', code: 'required' });
  if (errors.length) throw invalid(...errors);
  return now;
}

// --- Children and authors ---------------------------------------------------

type Details = Record<string, unknown> | null;
type Target = { id: string; version: number } | null;

/** Children and authors: the same shape (plain fields, sealed details, own version), each under its own section and audit actions. */
const PARTS = {
  children: { table: caseChildren, section: 'children', sealed: 'case_child.details', read: 'case.children_read', write: 'case.child_write' },
  authors: { table: caseAuthors, section: 'authors', sealed: 'case_author.details', read: 'case.authors_read', write: 'case.author_write' },
} as const;
type PartKind = keyof typeof PARTS;

type SealedRow = { id: string; caseId: string; detailsSealed: string | null };

function listPart<R extends SealedRow>(kind: PartKind, ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  const part = PARTS[kind];
  // Both tables share these columns; Drizzle cannot type a select over a union of tables.
  const table = part.table as typeof caseChildren;
  return onCase(ctx, scope, caseId, requestId, part.read, part.section, async (tx) => {
    const rows = (await tx.select().from(table).where(eq(table.caseId, caseId)).orderBy(asc(table.createdAt))) as unknown as R[];
    return inOrder(rows, async ({ detailsSealed, caseId: _c, ...r }) => ({ ...r, details: await unseal<Details>(ctx.crypto, tx, part.sealed, r.id, detailsSealed) }));
  });
}

/** Her children, each with the case she was opened as when the viewer holds it (docs/minors.md). */
export function listChildren(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, PARTS.children.read, PARTS.children.section, async (tx) => {
    const rows = await tx.select().from(caseChildren).where(eq(caseChildren.caseId, caseId)).orderBy(asc(caseChildren.createdAt));
    const children = await inOrder(rows, async ({ detailsSealed, caseId: _c, ...r }) => ({ ...r, details: await unseal<Details>(ctx.crypto, tx, PARTS.children.sealed, r.id, detailsSealed) }));
    return withOwnCases(tx, scope, requestId, children);
  });
}

/** Creates (no target) or replaces (target with its version) a child's or an author's record. */
function savePart(kind: PartKind, ctx: AppContext, scope: Scope, caseId: string, target: Target, input: ChildFields | AuthorFields, requestId: string) {
  const part = PARTS[kind];
  return onCase(ctx, scope, caseId, requestId, part.write, part.section, async (tx, access) => {
    const id = target?.id ?? randomUUID();
    const { details, ...fields } = input;
    const values = { ...fields, detailsSealed: await seal(ctx.crypto, tx, access.row, part.sealed, id, details) };
    if (target) await replacePart(tx, part.table, caseId, target, values);
    else await tx.insert(part.table as typeof caseChildren).values({ id, caseId, ...(values as ChildFields & { detailsSealed: string | null }) });
    await markChanged(tx, caseId);
    return { id, version: (target?.version ?? 0) + 1 };
  });
}

export const listAuthors = (ctx: AppContext, scope: Scope, caseId: string, requestId: string) =>
  listPart<typeof caseAuthors.$inferSelect>('authors', ctx, scope, caseId, requestId);
export const saveChild = (ctx: AppContext, scope: Scope, caseId: string, target: Target, input: ChildFields, requestId: string) =>
  savePart('children', ctx, scope, caseId, target, input, requestId);
export const saveAuthor = (ctx: AppContext, scope: Scope, caseId: string, target: Target, input: AuthorFields, requestId: string) =>
  savePart('authors', ctx, scope, caseId, target, input, requestId);
