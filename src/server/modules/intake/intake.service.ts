import { randomBytes, randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type IntakeContact,
  type IntakeCreate,
  type IntakeStatus,
  accessChannelOf,
  type intakeDeclineReasons,
  type intakeInboxQuery,
  type intakeSentQuery,
  openIntakeStatuses,
} from '../../../shared/intake.api.js';
import type { consentForms, contactChannels } from '../../../shared/cases.js';
import type { FieldIssue } from '../../../shared/problems.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { romeToday } from '../../platform/rome.js';
import { caseConsents } from '../../schema.js';
import { cases, insertCase } from '../cases/index.js';
import { comuni } from '../directory/index.js';
import { organisations } from '../organisations/index.js';
import { notifyRecipients, notifySender } from './intake.notify.js';
import { allowedRecipients, recipientOrganisation, senderOrganisation, suggestedRecipient } from './intake.recipients.js';
import { inboundReferrals } from './intake.tables.js';

type Row = typeof inboundReferrals.$inferSelect;
type DeclineReason = (typeof intakeDeclineReasons)[number];
type Channel = (typeof contactChannels)[number];
type Form = (typeof consentForms)[number];

/** The timeline's channel of the first contact, from the channel she agreed to be contacted on. */
const eventChannelOf = { telefono: 'telefono', sms: 'telefono', whatsapp: 'telefono', email: 'email', di_persona: 'di_persona', tramite_persona_fidata: 'altro' } as const satisfies Record<Channel, string>;

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });
const write = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => writeTransaction(ctx.database.db, fn, () => new AppError('conflict'));
const isOpen = (status: string) => (openIntakeStatuses as readonly string[]).includes(status);

/** Bound to its record and field, under the RECIPIENT CAV's key: copied elsewhere, it does not decrypt. */
const CONTACT = (id: string) => `inbound_referral.contact:${id}`;
const NOTE = (id: string) => `inbound_referral.note:${id}`;

/** Crockford base32 without I, L, O, U (read over the phone without doubt), as a case's code. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newReference(): string {
  const tail = Array.from(randomBytes(8), (b) => ALPHABET[b % 32]).join('');
  return `R${romeToday().slice(2, 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

const minutesBetween = (from: Date, to: Date | null) => (to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000)) : null);

/** What the sender keeps: the reference, the CAV and the status. Never a field of the woman. */
function presentSent(row: Row, recipientName: string) {
  return {
    id: row.id,
    reference: row.reference,
    recipient: { id: row.recipientOrganisationId, name: recipientName },
    source: row.source as IntakeCreate['source'],
    urgency: row.urgency as IntakeCreate['urgency'],
    status: row.status as IntakeStatus,
    declineReason: row.declineReason as DeclineReason | null,
    sentAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

/** The CAVs she may send to, the one covering her comune suggested. */
export async function listRecipients(ctx: AppContext, scope: Scope, comuneCode: string | undefined) {
  const db = ctx.database.db;
  const items = await allowedRecipients(db, senderOrganisation(scope));
  return { items, suggestedId: comuneCode ? await suggestedRecipient(db, comuneCode, items) : null };
}

/**
 * Sends a woman to a CAV. Her consent to be contacted is the condition: a
 * form without it is refused. How to reach her and the note are sealed
 * with the recipient CAV's key in this transaction; the sender gets back
 * only her reference and the status, and can never read them again.
 */
export async function createIntake(ctx: AppContext, scope: Scope, input: IntakeCreate, requestId: string, claim: IdempotencyClaim | null) {
  const sender = senderOrganisation(scope);
  if (!input.consent.given) throw invalid({ pointer: '/body/consent/given', code: 'consent_required' });
  if (input.consent.givenOn > romeToday()) throw invalid({ pointer: '/body/consent/givenOn', code: 'in_future' });
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return sentOne(ctx.database.db, sender.id, earlier);
  return write(ctx, async (tx) => {
    const offered = await allowedRecipients(tx, sender);
    const recipient = offered.find((o) => o.id === input.recipientOrganisationId);
    if (!recipient) throw invalid({ pointer: '/body/recipientOrganisationId', code: 'unknown_organisation' });
    const [comune] = await tx.select({ code: comuni.istatCode }).from(comuni).where(eq(comuni.istatCode, input.comuneCode));
    if (!comune) throw invalid({ pointer: '/body/comuneCode', code: 'unknown_comune' });
    const id = randomUUID();
    const [row] = await tx
      .insert(inboundReferrals)
      .values({
        id,
        reference: newReference(),
        senderOrganisationId: sender.id,
        senderUserId: scope.principal.userId,
        recipientOrganisationId: recipient.id,
        source: input.source,
        urgency: input.urgency,
        comuneCode: input.comuneCode,
        consentChannel: input.consent.channel,
        consentGivenOn: input.consent.givenOn,
        consentForm: input.consent.form,
        contactSealed: await ctx.crypto.encrypt(tx, recipient.id, JSON.stringify(input.contact), CONTACT(id)),
        noteSealed: input.note ? await ctx.crypto.encrypt(tx, recipient.id, JSON.stringify(input.note), NOTE(id)) : null,
      })
      .returning();
    await notifyRecipients(tx, recipient.id, input.urgency, scope.principal.userId);
    if (claim) await recordResult(tx, claim, id);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.create', { type: 'inbound_referral', id }), purpose: `to:${recipient.id}` });
    return presentSent(row!, recipient.name);
  });
}

async function sentOne(db: DbOrTx, senderId: string, id: string) {
  const [found] = await db
    .select({ row: inboundReferrals, name: organisations.name })
    .from(inboundReferrals)
    .innerJoin(organisations, eq(organisations.id, inboundReferrals.recipientOrganisationId))
    .where(and(eq(inboundReferrals.id, id), eq(inboundReferrals.senderOrganisationId, senderId)));
  if (!found) throw resourceNotFound('inbound_referral', id);
  return presentSent(found.row, found.name);
}

/** What her organisation sent, newest first: statuses only. */
export function listSent(ctx: AppContext, scope: Scope, q: z.output<typeof intakeSentQuery>, requestId: string) {
  const sender = senderOrganisation(scope);
  return write(ctx, async (tx) => {
    const where = and(eq(inboundReferrals.senderOrganisationId, sender.id), q.status ? eq(inboundReferrals.status, q.status) : undefined);
    const rows = await tx
      .select({ row: inboundReferrals, name: organisations.name })
      .from(inboundReferrals)
      .innerJoin(organisations, eq(organisations.id, inboundReferrals.recipientOrganisationId))
      .where(where)
      .orderBy(desc(inboundReferrals.createdAt), desc(inboundReferrals.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await tx.select({ n: count() }).from(inboundReferrals).where(where);
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.sent_list'), purpose: `page ${q.page}: ${rows.length}` });
    return { items: rows.map((r) => presentSent(r.row, r.name)), total: total?.n ?? 0 };
  });
}

/** The CAV's side: her own data, the sender named (an organisation, never a person). */
function presentInbound(row: Row, sender: { id: string; name: string; type: string }, comune: { istatCode: string; name: string }) {
  return {
    id: row.id,
    reference: row.reference,
    sender,
    source: row.source as IntakeCreate['source'],
    urgency: row.urgency as IntakeCreate['urgency'],
    status: row.status as IntakeStatus,
    comune,
    attempts: row.attempts,
    lastAttemptAt: row.lastAttemptAt,
    declineReason: row.declineReason as DeclineReason | null,
    caseId: row.caseId,
    sentAt: row.createdAt,
    minutesToFirstContact: minutesBetween(row.createdAt, row.firstAttemptAt),
    minutesToCase: row.status === 'presa_in_carico' ? minutesBetween(row.createdAt, row.closedAt) : null,
    closedAt: row.closedAt,
  };
}

const inboxColumns = {
  row: inboundReferrals,
  sender: { id: organisations.id, name: organisations.name, type: organisations.type },
  comune: { istatCode: comuni.istatCode, name: comuni.name },
};

/** The CAV's inbox: summaries (no contact in a list) and the counters by status. */
export function listInbox(ctx: AppContext, scope: Scope, q: z.output<typeof intakeInboxQuery>, requestId: string) {
  const cav = recipientOrganisation(scope);
  return write(ctx, async (tx) => {
    const own = eq(inboundReferrals.recipientOrganisationId, cav);
    const where = and(
      own,
      q.status ? eq(inboundReferrals.status, q.status) : undefined,
      q.urgency ? eq(inboundReferrals.urgency, q.urgency) : undefined,
      q.source ? eq(inboundReferrals.source, q.source) : undefined,
    );
    const rows = await tx
      .select(inboxColumns)
      .from(inboundReferrals)
      .innerJoin(organisations, eq(organisations.id, inboundReferrals.senderOrganisationId))
      .innerJoin(comuni, eq(comuni.istatCode, inboundReferrals.comuneCode))
      .where(where)
      // The open and urgent first, then the oldest waiting: who has waited longest is called first.
      .orderBy(
        sql`case when ${inboundReferrals.status} in ('inviata', 'non_raggiunta') then 0 else 1 end`,
        sql`case when ${inboundReferrals.urgency} = 'urgente' then 0 else 1 end`,
        sql`case when ${inboundReferrals.status} in ('inviata', 'non_raggiunta') then ${inboundReferrals.createdAt} end asc`,
        desc(inboundReferrals.createdAt),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [total] = await tx.select({ n: count() }).from(inboundReferrals).where(where);
    const byStatus = await tx
      .select({ status: inboundReferrals.status, urgency: inboundReferrals.urgency, n: count() })
      .from(inboundReferrals)
      .where(own)
      .groupBy(inboundReferrals.status, inboundReferrals.urgency);
    const counts = { inviata: 0, non_raggiunta: 0, presa_in_carico: 0, rifiutata: 0, urgentOpen: 0 };
    for (const c of byStatus) {
      counts[c.status as IntakeStatus] += c.n;
      if (c.urgency === 'urgente' && isOpen(c.status)) counts.urgentOpen += c.n;
    }
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.list'), purpose: `page ${q.page}: ${rows.length}` });
    return { items: rows.map((r) => presentInbound(r.row, r.sender, r.comune)), total: total?.n ?? 0, counts };
  });
}

/**
 * One inbound referral of her CAV, for update (locked: two operators acting
 * at once take turns). Another CAV's, a sender's, or none: 404, audited as
 * denied (the hook writes `access.denied` after the rollback).
 */
async function ownInbound(tx: Tx, cav: string, id: string, lock: boolean) {
  const query = tx
    .select(inboxColumns)
    .from(inboundReferrals)
    .innerJoin(organisations, eq(organisations.id, inboundReferrals.senderOrganisationId))
    .innerJoin(comuni, eq(comuni.istatCode, inboundReferrals.comuneCode))
    .where(and(eq(inboundReferrals.id, id), eq(inboundReferrals.recipientOrganisationId, cav)));
  const [found] = lock ? await query.for('update', { of: inboundReferrals }) : await query;
  if (!found) throw resourceNotFound('inbound_referral', id);
  return found;
}

async function contactOf(ctx: AppContext, db: DbOrTx, row: Row): Promise<IntakeContact | null> {
  return row.contactSealed ? (JSON.parse(await ctx.crypto.decrypt(db, row.contactSealed, CONTACT(row.id))) as IntakeContact) : null;
}

async function detail(ctx: AppContext, tx: Tx, found: Awaited<ReturnType<typeof ownInbound>>) {
  const { row } = found;
  return {
    ...presentInbound(row, found.sender, found.comune),
    consent: { channel: row.consentChannel as Channel, givenOn: row.consentGivenOn, form: row.consentForm as Form },
    contact: await contactOf(ctx, tx, row),
    note: row.noteSealed ? (JSON.parse(await ctx.crypto.decrypt(tx, row.noteSealed, NOTE(row.id))) as string) : null,
  };
}

/** One inbound referral, her contact unsealed: the receiving CAV's staff only; audited. */
export function getInbound(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  const cav = recipientOrganisation(scope);
  return write(ctx, async (tx) => {
    const found = await ownInbound(tx, cav, id, false);
    await writeAudit(tx, actedBy(scope, requestId, 'intake.read', { type: 'inbound_referral', id }));
    return detail(ctx, tx, found);
  });
}

/** A call that did not reach her: counted, dated; the sender reads "not reached yet". The first attempt starts the indicator's clock. */
export function recordAttempt(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  const cav = recipientOrganisation(scope);
  return write(ctx, async (tx) => {
    const found = await ownInbound(tx, cav, id, true);
    if (!isOpen(found.row.status)) throw new AppError('intake_closed');
    const now = new Date();
    const [row] = await tx
      .update(inboundReferrals)
      .set({ attempts: found.row.attempts + 1, firstAttemptAt: found.row.firstAttemptAt ?? now, lastAttemptAt: now, status: 'non_raggiunta', updatedAt: now })
      .where(eq(inboundReferrals.id, id))
      .returning();
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.attempt', { type: 'inbound_referral', id }), purpose: `attempt ${row!.attempts}` });
    return detail(ctx, tx, { ...found, row: row! });
  });
}

/** Declined with a coded reason: closed, her contact erased (nothing of her is kept), the sender told the code. */
export function declineInbound(ctx: AppContext, scope: Scope, id: string, reason: DeclineReason, requestId: string) {
  const cav = recipientOrganisation(scope);
  return write(ctx, async (tx) => {
    const found = await ownInbound(tx, cav, id, true);
    if (!isOpen(found.row.status)) throw new AppError('intake_closed');
    const now = new Date();
    const [row] = await tx
      .update(inboundReferrals)
      .set({ status: 'rifiutata', declineReason: reason, contactSealed: null, noteSealed: null, closedAt: now, closedBy: scope.principal.userId, updatedAt: now })
      .where(eq(inboundReferrals.id, id))
      .returning();
    await notifySender(tx, row!, 'intake_declined', { reason });
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.decline', { type: 'inbound_referral', id }), purpose: reason });
    return detail(ctx, tx, { ...found, row: row! });
  });
}

/**
 * Turns the referral into a case, in one transaction: the case (stage
 * contatto, owned by the CAV, the operator its referente) with her identity
 * and safe contact from the referral, resealed under the case's own key;
 * the `contatto` consent she gave the sender, in the case's ledger; the
 * referral closed and linked to the case, its copy of her contact erased.
 * The referral row is locked first, so two operators at once open one case:
 * the second finds it closed (409 `intake_closed`).
 */
export function convertInbound(ctx: AppContext, scope: Scope, id: string, requestId: string) {
  const cav = recipientOrganisation(scope);
  return write(ctx, async (tx) => {
    const found = await ownInbound(tx, cav, id, true);
    const { row } = found;
    if (!isOpen(row.status)) throw new AppError('intake_closed');
    const contact = (await contactOf(ctx, tx, row))!;
    const note = row.noteSealed ? (JSON.parse(await ctx.crypto.decrypt(tx, row.noteSealed, NOTE(row.id))) as string) : null;
    const today = romeToday();
    const caseId = await insertCase(ctx, tx, scope, cav, {
      contactOn: today,
      accessChannel: accessChannelOf[row.source as IntakeCreate['source']],
      emergency: row.urgency === 'urgente',
      comuneCode: row.comuneCode,
      identity: { firstName: contact.firstName, lastName: contact.lastName, phones: [contact.phone] },
      safeContact: { channels: [row.consentChannel as Channel], hours: contact.safeHours, noMessages: contact.noMessages, notes: contact.instructions },
      // Taking her in charge is the first contact: on the timeline, with the sender's note.
      firstEvent: { channel: eventChannelOf[row.consentChannel as Channel], type: 'ascolto', notes: note ?? undefined },
    });
    await tx.insert(caseConsents).values({
      caseId,
      purpose: 'contatto',
      channel: row.consentChannel as Channel,
      givenOn: row.consentGivenOn,
      form: row.consentForm as Form,
      recordedBy: scope.principal.userId,
    });
    const now = new Date();
    const [closed] = await tx
      .update(inboundReferrals)
      .set({ status: 'presa_in_carico', caseId, contactSealed: null, noteSealed: null, firstAttemptAt: row.firstAttemptAt ?? now, closedAt: now, closedBy: scope.principal.userId, updatedAt: now })
      .where(and(eq(inboundReferrals.id, id), inArray(inboundReferrals.status, [...openIntakeStatuses])))
      .returning();
    if (!closed) throw new AppError('intake_closed');
    await notifySender(tx, closed, 'intake_taken', {});
    await writeAudit(tx, actedBy(scope, requestId, 'case.create', { type: 'case', id: caseId }));
    await writeAudit(tx, { ...actedBy(scope, requestId, 'intake.convert', { type: 'inbound_referral', id }), purpose: `case:${caseId}` });
    const [made] = await tx.select({ code: cases.code }).from(cases).where(eq(cases.id, caseId));
    return { caseId, caseCode: made!.code };
  });
}
