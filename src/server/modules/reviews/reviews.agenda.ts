import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { RiskLevel } from '../../../shared/cases.js';
import type { FieldIssue } from '../../../shared/problems.js';
import { type ItemCreate, REVIEW_MAX_ITEMS } from '../../../shared/reviews.api.js';
import type { Scope } from '../../access/scope.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { onCase } from '../cases/index.js';
import { accessReview, consentedOrganisations, sealForCase } from './reviews.access.js';
import { caseReviewItems } from './reviews.tables.js';
import { resourceNotFound } from '../../audit/audit.denied.js';

/**
 * The agenda: a case is brought by the organisation that owns it (an act of
 * the owning organisation at the choke point, `'owner'`), only on a basis
 * for sharing — her consent naming every other participant, or a legal
 * basis to protect her life with its reason — and with the brief the
 * participants will read. Nothing else of the case reaches the review.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** The review, open to her organisation as a participant and not closed; else a refusal (404, audited on the case as denied). */
async function openReviewFor(tx: Tx, scope: Scope, reviewId: string) {
  const access = await accessReview(tx, scope, reviewId, true);
  if (!access || !access.participant) throw new AppError('not_found');
  if (access.row.status === 'closed') throw invalid({ pointer: '/body', code: 'review_closed' });
  return access;
}

/** Brings a case to a review's agenda. Audited on the case (`case.review_bring`) with the basis, never the brief or the reason. */
export function bringCase(ctx: AppContext, scope: Scope, reviewId: string, input: ItemCreate, requestId: string) {
  return onCase(
    ctx,
    scope,
    input.caseId,
    requestId,
    'case.review_bring',
    'owner',
    async (tx, access) => {
      const review = await openReviewFor(tx, scope, reviewId);
      const others = review.participants.filter((o) => o !== access.row.organisationId);
      if (input.basis === 'consenso') {
        const consented = (await consentedOrganisations(tx, [input.caseId])).get(input.caseId) ?? new Set<string>();
        if (!others.length || others.some((o) => !consented.has(o))) throw invalid({ pointer: '/body/basis', code: 'consent_not_covering' });
      }
      const [taken] = await tx.select({ id: caseReviewItems.id }).from(caseReviewItems).where(and(eq(caseReviewItems.reviewId, reviewId), eq(caseReviewItems.caseId, input.caseId)));
      if (taken) throw invalid({ pointer: '/body/caseId', code: 'duplicate' });
      const count = await tx.$count(caseReviewItems, eq(caseReviewItems.reviewId, reviewId));
      if (count >= REVIEW_MAX_ITEMS) throw invalid({ pointer: '/body/caseId', code: 'too_big', params: { maximum: REVIEW_MAX_ITEMS } });
      const id = randomUUID();
      const owner = { caseId: access.row.id, organisationId: access.row.organisationId };
      await tx.insert(caseReviewItems).values({
        id,
        reviewId,
        caseId: input.caseId,
        broughtByOrganisationId: access.row.organisationId,
        basis: input.basis,
        legalBasis: input.basis === 'tutela_vita' ? input.legalBasis : null,
        reasonSealed: input.basis === 'tutela_vita' ? await sealForCase(ctx, tx, owner, 'case_review_item.reason', id, input.reason) : null,
        briefSealed: await sealForCase(ctx, tx, owner, 'case_review_item.brief', id, input.brief),
        caseCode: access.row.code,
        riskLevel: access.row.riskLevel as RiskLevel | null,
        broughtBy: scope.principal.userId,
      });
      return { id };
    },
    () => `review:${reviewId};basis:${input.basis}${input.basis === 'tutela_vita' ? `:${input.legalBasis}` : ''}`,
  );
}

async function itemOf(ctx: AppContext, reviewId: string, itemId: string) {
  const [item] = await ctx.database.db
    .select({ caseId: caseReviewItems.caseId })
    .from(caseReviewItems)
    .where(and(eq(caseReviewItems.id, itemId), eq(caseReviewItems.reviewId, reviewId)));
  return item ?? null;
}

/** Rewrites the brief (If-Match on the item): the bringing organisation; the risk level shared is refreshed from the case. */
export async function updateBrief(ctx: AppContext, scope: Scope, reviewId: string, itemId: string, version: number, brief: string, requestId: string) {
  const item = await itemOf(ctx, reviewId, itemId);
  // Another review's item or no item: 404, audited as denied like any foreign id.
  if (!item) throw resourceNotFound('case_review_item', itemId);
  return onCase(ctx, scope, item.caseId, requestId, 'case.review_brief_update', 'owner', async (tx, access) => {
    await openReviewFor(tx, scope, reviewId);
    const [row] = await tx.select().from(caseReviewItems).where(eq(caseReviewItems.id, itemId)).for('update');
    if (!row || row.broughtByOrganisationId !== access.row.organisationId) throw new AppError('not_found');
    if (row.version !== version) throw new AppError('precondition_failed');
    await tx
      .update(caseReviewItems)
      .set({
        briefSealed: await sealForCase(ctx, tx, { caseId: access.row.id, organisationId: access.row.organisationId }, 'case_review_item.brief', itemId, brief),
        riskLevel: access.row.riskLevel as RiskLevel | null,
        version: row.version + 1,
      })
      .where(eq(caseReviewItems.id, itemId));
    return { id: itemId, version: row.version + 1 };
  });
}

/** Withdraws a case from a review still planned (the bringing organisation): nothing of it stays with the review. */
export async function withdrawCase(ctx: AppContext, scope: Scope, reviewId: string, itemId: string, requestId: string) {
  const item = await itemOf(ctx, reviewId, itemId);
  // Another review's item or no item: 404, audited as denied like any foreign id.
  if (!item) throw resourceNotFound('case_review_item', itemId);
  await onCase(ctx, scope, item.caseId, requestId, 'case.review_withdraw', 'owner', async (tx, access) => {
    const review = await openReviewFor(tx, scope, reviewId);
    if (review.row.status !== 'planned') throw invalid({ pointer: '/body', code: 'review_closed' });
    const [gone] = await tx
      .delete(caseReviewItems)
      .where(and(eq(caseReviewItems.id, itemId), eq(caseReviewItems.broughtByOrganisationId, access.row.organisationId)))
      .returning({ id: caseReviewItems.id });
    if (!gone) throw new AppError('not_found');
  });
}
