import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { FieldError } from '../../../shared/problems.js';
import { users } from '../../access/access.tables.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type PageQuery, pageOffset } from '../../platform/paging.js';
import { organisations } from '../organisations/index.js';
import { mayHoldCases, startOfRomeDay, today } from './cases.access.js';
import type { OrganisationType } from '../../../shared/domain.js';
import { onCase } from './cases.run.js';
import type { AuthorFields, ChildFields, ConsentCreate, EventCreate } from './cases.schemas.js';
import { inOrder, seal, unseal } from './cases.seal.js';
import { documentOfCase } from './documents.service.js';
import { caseAuthors, caseChildren, caseConsents, caseEvents, caseMembers, cases } from './cases.tables.js';

/** The parts of a case: consent ledger, timeline, children, authors. Each goes through the case's choke point and section. */

const invalid = (...errors: FieldError[]) => new AppError('validation_failed', { errors });

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
      recordedBy: users.displayName,
      recordedAt: caseConsents.recordedAt,
      revokedAt: caseConsents.revokedAt,
    })
    .from(caseConsents)
    .leftJoin(organisations, eq(organisations.id, caseConsents.recipientOrganisationId))
    .leftJoin(users, eq(users.id, caseConsents.recordedBy))
    .where(eq(caseConsents.caseId, caseId))
    .orderBy(asc(caseConsents.recordedAt));
  const now = today();
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
  return onCase(ctx, scope, caseId, requestId, 'case.consent_create', 'consents', async (tx, access) => {
    if (!access.owner) throw new AppError('forbidden');
    const errors: FieldError[] = [];
    const sharing = input.purpose === 'condivisione';
    if (sharing && !input.recipientOrganisationId) errors.push({ pointer: '/body/recipientOrganisationId', code: 'required', detail: 'Organizzazione destinataria obbligatoria / recipient organisation required' });
    if (!sharing && input.recipientOrganisationId) errors.push({ pointer: '/body/recipientOrganisationId', code: 'not_allowed', detail: 'Solo per la condivisione / only for sharing' });
    if (sharing && !input.sections.length) errors.push({ pointer: '/body/sections', code: 'required', detail: 'Indicare le sezioni condivise / name the sections shared' });
    if (input.purpose === 'contatto' && !input.channel) errors.push({ pointer: '/body/channel', code: 'required', detail: 'Canale di contatto obbligatorio / contact channel required' });
    if (input.expiresOn && input.expiresOn < input.givenOn) errors.push({ pointer: '/body/expiresOn', code: 'before_given', detail: 'Scadenza precedente al consenso / expiry before the consent' });
    if (sharing && input.recipientOrganisationId) {
      const [recipient] = await tx.select({ id: organisations.id, type: organisations.type }).from(organisations).where(eq(organisations.id, input.recipientOrganisationId));
      if (!recipient || recipient.id === access.row.organisationId) {
        errors.push({ pointer: '/body/recipientOrganisationId', code: 'unknown_organisation', detail: 'Organizzazione non valida / not a valid organisation' });
      } else if (!mayHoldCases(recipient.type as OrganisationType)) {
        errors.push({ pointer: '/body/recipientOrganisationId', code: 'cuav_never', detail: 'Un CUAV non riceve mai dati delle donne / a perpetrator programme never receives her data' });
      }
    }
    if (input.documentId && !(await documentOfCase(tx, caseId, input.documentId))) {
      errors.push({ pointer: '/body/documentId', code: 'unknown_document', detail: 'Documento non presente nel percorso / no such document in this case' });
    }
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
      recordedBy: scope.principal.userId,
    });
    await markChanged(tx, caseId);
    return consentsOf(tx, caseId);
  });
}

/** Revocation takes effect at once: members who joined on this consent leave the team in the same transaction. */
export function revokeConsent(ctx: AppContext, scope: Scope, caseId: string, consentId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.consent_revoke', 'consents', async (tx, access) => {
    if (!access.owner) throw new AppError('forbidden');
    const [consent] = await tx.select({ revokedAt: caseConsents.revokedAt }).from(caseConsents).where(and(eq(caseConsents.id, consentId), eq(caseConsents.caseId, caseId)));
    if (!consent) throw new AppError('not_found');
    // The first revocation is the one that counts: its date and author stay.
    if (consent.revokedAt) throw invalid({ pointer: '/params/partId', code: 'already_revoked', detail: 'Consenso già revocato / consent already revoked' });
    await tx.update(caseConsents).set({ revokedAt: new Date(), revokedBy: scope.principal.userId }).where(eq(caseConsents.id, consentId));
    await tx.delete(caseMembers).where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.consentId, consentId)));
    await markChanged(tx, caseId);
    return consentsOf(tx, caseId);
  });
}

// --- Timeline -------------------------------------------------------------

export interface EventQuery extends PageQuery {
  type?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function listEvents(ctx: AppContext, scope: Scope, caseId: string, q: EventQuery, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.events_read', 'timeline', async (tx) => {
    const where = and(
      eq(caseEvents.caseId, caseId),
      q.type ? eq(caseEvents.type, q.type) : undefined,
      q.channel ? eq(caseEvents.channel, q.channel) : undefined,
      q.from ? gte(caseEvents.at, startOfRomeDay(q.from)) : undefined,
      q.to ? lt(caseEvents.at, startOfRomeDay(q.to, 1)) : undefined,
    );
    const rows = await tx
      .select({
        id: caseEvents.id,
        at: caseEvents.at,
        channel: caseEvents.channel,
        type: caseEvents.type,
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

export function createEvent(ctx: AppContext, scope: Scope, caseId: string, input: EventCreate, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.event_create', 'timeline', async (tx, access) => {
    if (input.at.getTime() > Date.now() + 5 * 60_000) throw invalid({ pointer: '/body/at', code: 'in_future', detail: 'Data futura / date in the future' });
    const id = randomUUID();
    const organisationId = scope.principal.organisation!.id;
    await tx.insert(caseEvents).values({
      id,
      caseId,
      at: input.at,
      channel: input.channel,
      type: input.type,
      durationMinutes: input.durationMinutes ?? null,
      organisationId,
      operatorUserId: scope.principal.userId,
      // Sealed with the owning organisation's key: the record stays readable to its team.
      notesSealed: await seal(ctx.crypto, tx, access.row.organisationId, 'case_event.notes', id, input.notes),
    });
    await markChanged(tx, caseId, input.at);
    return { id };
  });
}

// --- Children and authors ---------------------------------------------------

type Details = Record<string, unknown> | null;

export function listChildren(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.children_read', 'children', async (tx) => {
    const rows = await tx.select().from(caseChildren).where(eq(caseChildren.caseId, caseId)).orderBy(asc(caseChildren.createdAt));
    return inOrder(rows, async ({ detailsSealed, caseId: _c, ...r }) => ({ ...r, details: await unseal<Details>(ctx.crypto, tx, 'case_child.details', r.id, detailsSealed) }));
  });
}

/** Creates (no id) or replaces (id + version) a child's record. */
export function saveChild(ctx: AppContext, scope: Scope, caseId: string, target: { id: string; version: number } | null, input: ChildFields, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.child_write', 'children', async (tx, access) => {
    const id = target?.id ?? randomUUID();
    const { details, ...fields } = input;
    const values = { ...fields, detailsSealed: await seal(ctx.crypto, tx, access.row.organisationId, 'case_child.details', id, details) };
    if (target) {
      const [row] = await tx
        .update(caseChildren)
        .set({ ...values, version: target.version + 1 })
        .where(and(eq(caseChildren.id, id), eq(caseChildren.caseId, caseId), eq(caseChildren.version, target.version)))
        .returning({ id: caseChildren.id });
      if (!row) throw await missingOrStale(tx, caseChildren, caseId, id);
    } else {
      await tx.insert(caseChildren).values({ id, caseId, ...values });
    }
    await markChanged(tx, caseId);
    return { id, version: (target?.version ?? 0) + 1 };
  });
}

export function listAuthors(ctx: AppContext, scope: Scope, caseId: string, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.authors_read', 'authors', async (tx) => {
    const rows = await tx.select().from(caseAuthors).where(eq(caseAuthors.caseId, caseId)).orderBy(asc(caseAuthors.createdAt));
    return inOrder(rows, async ({ detailsSealed, caseId: _c, ...r }) => ({ ...r, details: await unseal<Details>(ctx.crypto, tx, 'case_author.details', r.id, detailsSealed) }));
  });
}

export function saveAuthor(ctx: AppContext, scope: Scope, caseId: string, target: { id: string; version: number } | null, input: AuthorFields, requestId: string) {
  return onCase(ctx, scope, caseId, requestId, 'case.author_write', 'authors', async (tx, access) => {
    const id = target?.id ?? randomUUID();
    const { details, ...fields } = input;
    const values = { ...fields, detailsSealed: await seal(ctx.crypto, tx, access.row.organisationId, 'case_author.details', id, details) };
    if (target) {
      const [row] = await tx
        .update(caseAuthors)
        .set({ ...values, version: target.version + 1 })
        .where(and(eq(caseAuthors.id, id), eq(caseAuthors.caseId, caseId), eq(caseAuthors.version, target.version)))
        .returning({ id: caseAuthors.id });
      if (!row) throw await missingOrStale(tx, caseAuthors, caseId, id);
    } else {
      await tx.insert(caseAuthors).values({ id, caseId, ...values });
    }
    await markChanged(tx, caseId);
    return { id, version: (target?.version ?? 0) + 1 };
  });
}

/** Why an update matched nothing: the part does not exist on this case (404), or its version is stale (412). */
async function missingOrStale(tx: Tx, table: typeof caseChildren | typeof caseAuthors, caseId: string, id: string) {
  const [row] = await tx.select({ id: table.id }).from(table).where(and(eq(table.id, id), eq(table.caseId, caseId)));
  return new AppError(row ? 'precondition_failed' : 'not_found');
}

/**
 * A part changed: the case moves up the caseload. Its version stays: parts
 * have their own (children, authors) or are append-only (consents,
 * timeline), and a form open on the case must not turn stale for them.
 */
async function markChanged(tx: Tx, caseId: string, lastContactAt?: Date) {
  await tx
    .update(cases)
    .set({ updatedAt: new Date(), ...(lastContactAt ? { lastContactAt: sql`greatest(${cases.lastContactAt}, ${lastContactAt})` } : {}) })
    .where(eq(cases.id, caseId));
}
