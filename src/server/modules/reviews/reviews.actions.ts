import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/problems.js';
import { type ActionCreate, openActionStatuses, type reviewActionOut } from '../../../shared/reviews.api.js';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { cases } from '../../schema.js';
import { accessCases } from '../cases/index.js';
import { notify } from '../notifications/index.js';
import { organisations } from '../organisations/index.js';
import { accessReview, briefVisible, consentedOrganisations, onReview, openSealed, reviewerOrganisation, sealForCase, sealForOrganisation } from './reviews.access.js';
import { caseReviewActions, caseReviewItems, caseReviewParticipants, caseReviews } from './reviews.tables.js';

/**
 * Actions decided at a review: owned by a participant organisation, shown
 * in that organisation's review tasks, told to its staff by a notification
 * that names no case. An action about an agenda item shows the case's code
 * and, to whoever may read that item's brief, its text; the case itself
 * only to someone the choke point lets open it.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

type ActionRow = typeof caseReviewActions.$inferSelect;
type ActionOut = z.output<typeof reviewActionOut>;

const isOpen = (status: string) => (openActionStatuses as readonly string[]).includes(status);

/**
 * Presents actions as her organisation may see them, open first, then by
 * due date. Each action's text is shown to whoever may read its review
 * (and, for an action about a case, the case's brief); the rest see the
 * owner, due date, status and the case's code. Returns the audit rows of
 * the cases whose text it showed.
 */
export async function presentActions(ctx: AppContext, db: DbOrTx, scope: Scope, rows: readonly ActionRow[], requestId = ''): Promise<{ items: ActionOut[]; events: AuditEvent[] }> {
  const org = reviewerOrganisation(scope);
  if (!org || !rows.length) return { items: [], events: [] };
  const reviewIds = [...new Set(rows.map((r) => r.reviewId))];
  const reviews = new Map((await db.select().from(caseReviews).where(inArray(caseReviews.id, reviewIds))).map((r) => [r.id, r]));
  const participation = new Set(
    (
      await db
        .select({ id: caseReviewParticipants.reviewId })
        .from(caseReviewParticipants)
        .where(and(inArray(caseReviewParticipants.reviewId, reviewIds), eq(caseReviewParticipants.organisationId, org)))
    ).map((p) => p.id),
  );
  const itemIds = rows.map((r) => r.itemId).filter((id): id is string => !!id);
  const items = new Map((itemIds.length ? await db.select().from(caseReviewItems).where(inArray(caseReviewItems.id, itemIds)) : []).map((i) => [i.id, i]));
  const caseIds = [...new Set([...items.values()].map((i) => i.caseId))];
  const consented = await consentedOrganisations(db, caseIds);
  const held = await accessCases(db, scope, caseIds);
  const owners = new Map(
    (await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...new Set(rows.map((r) => r.ownerOrganisationId))]))).map((o) => [o.id, o.name]),
  );
  const sorted = [...rows].sort(
    (a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const out: ActionOut[] = [];
  const shownCases = new Set<string>();
  for (const a of sorted) {
    const review = reviews.get(a.reviewId)!;
    const item = a.itemId ? items.get(a.itemId) : undefined;
    const reads = participation.has(a.reviewId) || a.ownerOrganisationId === org || (await accessReview(db, scope, a.reviewId)) !== null;
    // An action of a review she may not read (carried from an earlier review she did not take part in): not shown at all.
    if (!reads) continue;
    const visible = !item || briefVisible(item, org, consented);
    if (visible && item) shownCases.add(item.caseId);
    out.push({
      id: a.id,
      reviewId: a.reviewId,
      reviewHeldOn: review.heldOn,
      text: visible ? await openSealed(ctx, db, 'case_review_action.text', a.id, a.textSealed) : null,
      owner: { id: a.ownerOrganisationId, name: owners.get(a.ownerOrganisationId) ?? '' },
      dueOn: a.dueOn,
      status: a.status,
      itemId: a.itemId,
      // The case's code only where its brief may be read: no consent naming her organisation, no case named to it.
      caseCode: visible ? (item?.caseCode ?? null) : null,
      caseId: item && held.has(item.caseId) ? item.caseId : null,
      update: a.ownerOrganisationId === org,
      version: a.version,
    });
  }
  const events = [...shownCases].map((caseId) => ({ ...actedBy(scope, requestId, 'case.review_brief_read', { type: 'case', id: caseId }), purpose: 'review_action' }));
  return { items: out, events };
}

/** The staff of the owner organisation who hear of a new action (by role; nobody outside it). */
const STAFF_ROLES = ['organisation_head', 'operator', 'social_worker', 'network_coordinator'] as const;

/**
 * Records an action decided at the review (its managers). The owner is a
 * participant; an action about a case shared on her consent goes only to an
 * organisation the consent names (else it could not read what it is about).
 */
export async function createAction(ctx: AppContext, scope: Scope, reviewId: string, input: ActionCreate, requestId: string) {
  let caseId: string | null = null;
  const id = await onReview(
    ctx,
    scope,
    reviewId,
    requestId,
    'review.action_create',
    'manage',
    async (tx, access) => {
      if (access.row.status === 'closed') throw invalid({ pointer: '/body', code: 'review_closed' });
      if (!access.participants.includes(input.ownerOrganisationId)) throw invalid({ pointer: '/body/ownerOrganisationId', code: 'not_participant' });
      let owner: { caseId: string; organisationId: string } | null = null;
      if (input.itemId) {
        const [item] = await tx
          .select({ item: caseReviewItems, caseOrg: cases.organisationId })
          .from(caseReviewItems)
          .innerJoin(cases, eq(cases.id, caseReviewItems.caseId))
          .where(and(eq(caseReviewItems.id, input.itemId), eq(caseReviewItems.reviewId, reviewId)));
        if (!item) throw invalid({ pointer: '/body/itemId', code: 'unknown_item' });
        const consented = await consentedOrganisations(tx, [item.item.caseId]);
        if (!briefVisible(item.item, input.ownerOrganisationId, consented)) throw invalid({ pointer: '/body/ownerOrganisationId', code: 'consent_not_covering' });
        owner = { caseId: item.item.caseId, organisationId: item.caseOrg };
        caseId = item.item.caseId;
      }
      const [row] = await tx
        .insert(caseReviewActions)
        .values({ reviewId, itemId: input.itemId, ownerOrganisationId: input.ownerOrganisationId, dueOn: input.dueOn, createdBy: scope.principal.userId })
        .returning({ id: caseReviewActions.id });
      const actionId = row!.id;
      const sealed = owner
        ? await sealForCase(ctx, tx, owner, 'case_review_action.text', actionId, input.text)
        : await sealForOrganisation(ctx, tx, access.row.chairOrganisationId, 'case_review_action.text', actionId, input.text);
      await tx.update(caseReviewActions).set({ textSealed: sealed }).where(eq(caseReviewActions.id, actionId));
      for (const role of STAFF_ROLES) {
        await notify(tx, {
          recipients: { role, organisationId: input.ownerOrganisationId },
          kind: 'review_action_assigned',
          target: { type: 'review', reviewId },
          actorUserId: scope.principal.userId,
        });
      }
      return actionId;
    },
    (actionId) => ({ purpose: `action:${actionId}`, subjectIds: caseId ? [caseId] : null }),
  );
  return { id };
}

/** Records an action's status (If-Match): the owner organisation's staff, or the review's managers. */
export async function updateAction(ctx: AppContext, scope: Scope, reviewId: string, actionId: string, version: number, status: ActionRow['status'], requestId: string) {
  return onReview(
    ctx,
    scope,
    reviewId,
    requestId,
    'review.action_update',
    'read',
    async (tx, access) => {
      const [row] = await tx.select().from(caseReviewActions).where(and(eq(caseReviewActions.id, actionId), eq(caseReviewActions.reviewId, reviewId))).for('update');
      if (!row || (!access.manage && row.ownerOrganisationId !== access.organisationId)) throw new AppError('not_found');
      if (row.version !== version) throw new AppError('precondition_failed');
      await tx.update(caseReviewActions).set({ status, version: row.version + 1 }).where(eq(caseReviewActions.id, actionId));
      return { id: actionId, version: row.version + 1 };
    },
    () => ({ purpose: `action:${actionId};status:${status}` }),
  );
}

/**
 * The review tasks of her organisation: the open actions it owns, from
 * every review, the overdue first. A case is named by its code; its text
 * only where she may read the item's brief.
 */
export async function reviewTasks(ctx: AppContext, scope: Scope, requestId: string) {
  const org = reviewerOrganisation(scope);
  if (!org) return { items: [] };
  return ctx.database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(caseReviewActions)
      .where(and(eq(caseReviewActions.ownerOrganisationId, org), inArray(caseReviewActions.status, [...openActionStatuses])))
      .orderBy(asc(caseReviewActions.dueOn))
      .limit(200);
    const { items, events } = await presentActions(ctx, tx, scope, rows, requestId);
    await writeAudits(tx as Tx, [{ ...actedBy(scope, requestId, 'review.tasks_read'), purpose: `count:${items.length}` }, ...events]);
    return { items };
  });
}
