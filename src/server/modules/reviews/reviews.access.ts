import { and, eq, inArray } from 'drizzle-orm';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit } from '../../audit/audit.writer.js';
import type { AuditAction } from '../../audit/catalogue.js';
import type { AppContext } from '../../context.js';
import { CaseErasedError } from '../../platform/crypto.js';
import { type DbOrTx, type Tx, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { romeToday } from '../../platform/rome.js';
import { caseConsents } from '../../schema.js';
import { networkMembers } from '../organisations/index.js';
import { caseReviewParticipants, caseReviews } from './reviews.tables.js';

/**
 * Who reaches a review (docs/reviews.md). A review is the network's, not a
 * case's: it is read by the staff of its participant organisations and by
 * its managers — the coordinator of the network's capofila and the head of
 * the chair organisation — and by nobody else: never the instance
 * administrator (whatever memberships she holds), never a perpetrator
 * programme. Reading it never opens a case: each case shows only what its
 * owning organisation wrote for the review.
 */

export type ReviewRow = typeof caseReviews.$inferSelect;

export interface ReviewAccess {
  row: ReviewRow;
  participants: string[];
  /** She may change it: date, participants, minutes, status, actions. */
  manage: boolean;
  /** Her organisation takes part in it. */
  participant: boolean;
  organisationId: string;
}

/** Her organisation, when she may take part in reviews at all. */
export function reviewerOrganisation(scope: Scope): string | null {
  const { principal } = scope;
  const org = principal.organisation;
  if (!org || principal.isInstanceAdmin || org.type === 'cuav') return null;
  return org.id;
}

/** The networks whose reviews she calls: her organisation leads them and she is its network coordinator. */
export async function ledNetworks(db: DbOrTx, scope: Scope): Promise<string[]> {
  const org = reviewerOrganisation(scope);
  if (!org || scope.principal.organisationRole !== 'network_coordinator') return [];
  const rows = await db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organisationId, org), eq(networkMembers.isCapofila, true)));
  return rows.map((r) => r.id);
}

/** The decision on one review: null when she may not read it (the caller answers 404 and audits the attempt). */
export async function accessReview(db: DbOrTx, scope: Scope, reviewId: string, lock = false): Promise<ReviewAccess | null> {
  const org = reviewerOrganisation(scope);
  if (!org) return null;
  const q = db.select().from(caseReviews).where(eq(caseReviews.id, reviewId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const participants = (await db.select({ id: caseReviewParticipants.organisationId }).from(caseReviewParticipants).where(eq(caseReviewParticipants.reviewId, reviewId))).map((p) => p.id);
  const led = await ledNetworks(db, scope);
  const manage = led.includes(row.networkId) || (scope.principal.organisationRole === 'organisation_head' && row.chairOrganisationId === org);
  const participant = participants.includes(org);
  if (!manage && !participant) return null;
  return { row, participants, manage, participant, organisationId: org };
}

const DENIED = Symbol('denied');

/**
 * Runs a use case on one review in one transaction: the decision first
 * (`manage` needs a manager), then the work, then its audit row. Without
 * access: 404 whether the review exists or not, and a `denied` audit row.
 */
export async function onReview<T>(
  ctx: AppContext,
  scope: Scope,
  reviewId: string,
  requestId: string,
  action: AuditAction,
  need: 'read' | 'manage',
  work: (tx: Tx, access: ReviewAccess) => Promise<T>,
  more?: (value: T) => Partial<AuditEvent>,
): Promise<T> {
  const audit = actedBy(scope, requestId, action, { type: 'case_review', id: reviewId });
  const result = await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const access = await accessReview(tx, scope, reviewId, need === 'manage');
      if (!access || (need === 'manage' && !access.manage)) {
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
      try {
        // In a savepoint: a refusal inside the work (an action of another organisation) undoes it and is audited as denied.
        const value = await tx.transaction((sp) => work(sp as unknown as Tx, access));
        await writeAudit(tx, { ...audit, ...more?.(value) });
        return { value };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        await writeAudit(tx, { ...audit, outcome: 'denied' });
        return DENIED;
      }
    },
    () => new AppError('conflict'),
  );
  if (result === DENIED) throw new AppError('not_found');
  return result.value;
}

/**
 * The organisations a consent-based item may be shown to: those named by a
 * live `condivisione` consent of the case (the owning organisation always
 * sees its own). Sharing stops at once when she revokes: the decision is
 * taken at each read, not only when the case was brought.
 */
export async function consentedOrganisations(db: DbOrTx, caseIds: readonly string[], now = new Date()): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!caseIds.length) return out;
  const today = romeToday(now);
  const rows = await db
    .select({ caseId: caseConsents.caseId, org: caseConsents.recipientOrganisationId, revokedAt: caseConsents.revokedAt, expiresOn: caseConsents.expiresOn })
    .from(caseConsents)
    .where(and(inArray(caseConsents.caseId, [...new Set(caseIds)]), eq(caseConsents.purpose, 'condivisione')));
  for (const r of rows) {
    if (r.revokedAt || (r.expiresOn && r.expiresOn < today) || !r.org) continue;
    const set = out.get(r.caseId) ?? new Set<string>();
    set.add(r.org);
    out.set(r.caseId, set);
  }
  return out;
}

/** May this organisation read an agenda item's brief: its own, one shared to protect life, or one her consent covers. */
export function briefVisible(item: { caseId: string; basis: string; broughtByOrganisationId: string }, org: string, consented: Map<string, Set<string>>): boolean {
  if (item.broughtByOrganisationId === org) return true;
  if (item.basis === 'tutela_vita') return true;
  return consented.get(item.caseId)?.has(org) ?? false;
}

// ---- Sealing ----------------------------------------------------------------

export type ReviewSealedField = 'case_review.minutes' | 'case_review_item.brief' | 'case_review_item.reason' | 'case_review_action.text';
const context = (field: ReviewSealedField, id: string) => `${field}:${id}`;

/** Sealed under the case's key: erasing the case erases it (410 `case_erased` once it is). */
export async function sealForCase(ctx: AppContext, db: DbOrTx, owner: { caseId: string; organisationId: string }, field: ReviewSealedField, id: string, value: string | null): Promise<string | null> {
  if (value === null) return null;
  try {
    return await ctx.crypto.encryptForCase(db, owner, JSON.stringify(value), context(field, id));
  } catch (error) {
    if (error instanceof CaseErasedError) throw new AppError('case_erased');
    throw error;
  }
}

/** Sealed under an organisation's key (the minutes: the chair's). */
export async function sealForOrganisation(ctx: AppContext, db: DbOrTx, organisationId: string, field: ReviewSealedField, id: string, value: string | null): Promise<string | null> {
  if (value === null) return null;
  return ctx.crypto.encrypt(db, organisationId, JSON.stringify(value), context(field, id));
}

/** Opens a sealed value; under an erased case's key it reads as absent. */
export async function openSealed(ctx: AppContext, db: DbOrTx, field: ReviewSealedField, id: string, sealed: string | null): Promise<string | null> {
  if (!sealed) return null;
  try {
    return JSON.parse(await ctx.crypto.decrypt(db, sealed, context(field, id))) as string;
  } catch (error) {
    if (error instanceof CaseErasedError) return null;
    throw error;
  }
}
