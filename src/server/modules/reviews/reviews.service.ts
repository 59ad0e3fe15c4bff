import { and, asc, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FieldIssue } from '../../../shared/problems.js';
import { type ReviewCreate, type ReviewPatch, openActionStatuses, type reviewListItem, type reviewOut } from '../../../shared/reviews.api.js';
import type { Scope } from '../../access/scope.js';
import { type AuditEvent, actedBy, writeAudit, writeAuditAlone, writeAudits } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import type { DbOrTx, Tx } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { accessCases } from '../cases/index.js';
import { networkMembers, networks, organisations } from '../organisations/index.js';
import { type ReviewAccess, briefVisible, consentedOrganisations, ledNetworks, onReview, openSealed, reviewerOrganisation, sealForOrganisation } from './reviews.access.js';
import { presentActions } from './reviews.actions.js';
import { caseReviewActions, caseReviewItems, caseReviewParticipants, caseReviews } from './reviews.tables.js';

/**
 * Multi-agency case reviews (issue 12, docs/reviews.md): the network's
 * coordinator calls one, the participants read its agenda — for each case
 * only what the owning organisation wrote for it — its minutes and its
 * actions; the next review starts from the actions still open.
 */

const invalid = (...errors: FieldIssue[]) => new AppError('validation_failed', { errors });

/** The network's member organisations that may take part: never a perpetrator programme (docs/domain.md §6 rule 6). */
async function eligibleOf(db: DbOrTx, networkId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(networkMembers)
    .innerJoin(organisations, eq(organisations.id, networkMembers.organisationId))
    .where(and(eq(networkMembers.networkId, networkId), ne(organisations.type, 'cuav')))
    .orderBy(asc(organisations.name));
}

/** Checks participant and chair organisations against the network: pointers and codes for each one that does not fit. */
async function checkOrganisations(db: DbOrTx, networkId: string, ids: readonly string[], pointer: string): Promise<FieldIssue[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: organisations.id, type: organisations.type, member: networkMembers.networkId })
    .from(organisations)
    .leftJoin(networkMembers, and(eq(networkMembers.organisationId, organisations.id), eq(networkMembers.networkId, networkId)))
    .where(inArray(organisations.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id, i): FieldIssue[] => {
    const row = byId.get(id);
    const at = pointer.endsWith('Ids') ? `${pointer}/${i}` : pointer;
    if (!row || !row.member) return [{ pointer: at, code: 'unknown_organisation' }];
    if (row.type === 'cuav') return [{ pointer: at, code: 'cuav_never' }];
    return [];
  });
}

async function replaceParticipants(tx: Tx, reviewId: string, ids: readonly string[]) {
  await tx.delete(caseReviewParticipants).where(eq(caseReviewParticipants.reviewId, reviewId));
  if (ids.length) await tx.insert(caseReviewParticipants).values([...new Set(ids)].map((organisationId) => ({ reviewId, organisationId })));
}

/** The networks where she may call a review, with the organisations that may take part. */
export async function reviewNetworks(ctx: AppContext, scope: Scope) {
  const db = ctx.database.db;
  const led = await ledNetworks(db, scope);
  if (!led.length) return { items: [] };
  const rows = await db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, led)).orderBy(asc(networks.name));
  const items = [];
  for (const n of rows) items.push({ ...n, members: (await eligibleOf(db, n.id)).map(({ id, name }) => ({ id, name })) });
  return { items };
}

/** Calls a review: the coordinator of the network's capofila. Chair (default the capofila) and capofila take part. */
export async function createReview(ctx: AppContext, scope: Scope, input: ReviewCreate, requestId: string) {
  const org = reviewerOrganisation(scope);
  const id = await ctx.database.db.transaction(async (tx) => {
    const led = await ledNetworks(tx, scope);
    if (!org || !led.includes(input.networkId)) {
      await writeAudit(tx, { ...actedBy(scope, requestId, 'review.create', { type: 'network', id: input.networkId }), outcome: 'denied' });
      return null;
    }
    const chair = input.chairOrganisationId ?? org;
    const issues = [
      ...(await checkOrganisations(tx, input.networkId, [chair], '/body/chairOrganisationId')),
      ...(await checkOrganisations(tx, input.networkId, input.participantOrganisationIds, '/body/participantOrganisationIds')),
    ];
    if (issues.length) throw invalid(...issues);
    const [row] = await tx
      .insert(caseReviews)
      .values({ networkId: input.networkId, chairOrganisationId: chair, heldOn: input.heldOn, mode: input.mode, place: input.place, createdBy: scope.principal.userId })
      .returning({ id: caseReviews.id });
    await replaceParticipants(tx, row!.id, [org, chair, ...input.participantOrganisationIds]);
    await writeAudit(tx, actedBy(scope, requestId, 'review.create', { type: 'case_review', id: row!.id }));
    return row!.id;
  });
  if (!id) throw new AppError('not_found');
  return getReview(ctx, scope, id, requestId, false);
}

type ListItem = z.output<typeof reviewListItem>;

async function summaries(db: DbOrTx, scope: Scope, rows: (typeof caseReviews.$inferSelect)[]): Promise<ListItem[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const led = await ledNetworks(db, scope);
  const org = reviewerOrganisation(scope);
  const names = new Map(
    (
      await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.id, [...new Set(rows.map((r) => r.chairOrganisationId))]))
    ).map((o) => [o.id, o.name]),
  );
  const networkNames = new Map((await db.select({ id: networks.id, name: networks.name }).from(networks).where(inArray(networks.id, [...new Set(rows.map((r) => r.networkId))]))).map((n) => [n.id, n.name]));
  const itemCounts = new Map(
    (await db.select({ id: caseReviewItems.reviewId, n: sql<number>`count(*)::int` }).from(caseReviewItems).where(inArray(caseReviewItems.reviewId, ids)).groupBy(caseReviewItems.reviewId)).map((r) => [r.id, r.n]),
  );
  const openCounts = new Map(
    (
      await db
        .select({ id: caseReviewActions.reviewId, n: sql<number>`count(*)::int` })
        .from(caseReviewActions)
        .where(and(inArray(caseReviewActions.reviewId, ids), inArray(caseReviewActions.status, [...openActionStatuses])))
        .groupBy(caseReviewActions.reviewId)
    ).map((r) => [r.id, r.n]),
  );
  return rows.map((r) => ({
    id: r.id,
    network: { id: r.networkId, name: networkNames.get(r.networkId) ?? '' },
    heldOn: r.heldOn,
    mode: r.mode,
    place: r.place,
    status: r.status,
    chair: { id: r.chairOrganisationId, name: names.get(r.chairOrganisationId) ?? '' },
    items: itemCounts.get(r.id) ?? 0,
    openActions: openCounts.get(r.id) ?? 0,
    manage: led.includes(r.networkId) || (scope.principal.organisationRole === 'organisation_head' && r.chairOrganisationId === org),
  }));
}

/** The reviews she may read: her organisation's as a participant, those she manages; the latest first. Names no case. */
export async function listReviews(ctx: AppContext, scope: Scope, q: { status?: string | undefined }, requestId: string) {
  const db = ctx.database.db;
  const org = reviewerOrganisation(scope);
  if (!org) return { items: [] };
  const led = await ledNetworks(db, scope);
  const chair = scope.principal.organisationRole === 'organisation_head' ? eq(caseReviews.chairOrganisationId, org) : undefined;
  const participating = sql`exists (select 1 from ${caseReviewParticipants} p where p.review_id = ${caseReviews.id} and p.organisation_id = ${org})`;
  const rows = await db
    .select()
    .from(caseReviews)
    .where(and(or(participating, chair, led.length ? inArray(caseReviews.networkId, led) : undefined), q.status ? eq(caseReviews.status, q.status as 'planned') : undefined))
    .orderBy(desc(caseReviews.heldOn), desc(caseReviews.createdAt))
    .limit(200);
  await writeAuditAlone(db, { ...actedBy(scope, requestId, 'review.list'), purpose: `count:${rows.length}` });
  return { items: await summaries(db, scope, rows) };
}

type Out = z.output<typeof reviewOut>;

/**
 * One review as she may read it. Each agenda item shows its case's code,
 * the risk level shared and the brief — the brief only to the bringing
 * organisation, on a legal basis to protect life, or to an organisation a
 * live consent of the case names; each case whose brief is shown is audited
 * as `case.review_brief_read`. The case itself is linked only when the
 * choke point lets her open it anyway: the review never opens one.
 */
async function presentReview(ctx: AppContext, tx: Tx, scope: Scope, access: ReviewAccess, requestId: string): Promise<{ out: Out; events: AuditEvent[] }> {
  const { row, organisationId: org } = access;
  const [summary] = await summaries(tx, scope, [row]);
  const participants = access.participants.length
    ? await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, access.participants)).orderBy(asc(organisations.name))
    : [];
  const items = await tx
    .select({ item: caseReviewItems, orgName: organisations.name })
    .from(caseReviewItems)
    .innerJoin(organisations, eq(organisations.id, caseReviewItems.broughtByOrganisationId))
    .where(eq(caseReviewItems.reviewId, row.id))
    .orderBy(asc(caseReviewItems.createdAt));
  const caseIds = items.map((i) => i.item.caseId);
  const consented = await consentedOrganisations(tx, caseIds);
  const held = await accessCases(tx, scope, caseIds);
  const events: AuditEvent[] = [];
  const agenda = [];
  for (const { item, orgName } of items) {
    const visible = briefVisible(item, org, consented);
    const own = item.broughtByOrganisationId === org;
    const brief = visible ? await openSealed(ctx, tx, 'case_review_item.brief', item.id, item.briefSealed) : null;
    if (visible) events.push({ ...actedBy(scope, requestId, 'case.review_brief_read', { type: 'case', id: item.caseId }), purpose: `review:${row.id}` });
    agenda.push({
      id: item.id,
      // Code and risk level go with the brief: an organisation her consent does not name (added to the review later,
      // or after she revoked it) learns that a case is on the agenda, never which.
      caseCode: visible || own ? item.caseCode : null,
      riskLevel: visible || own ? item.riskLevel : null,
      broughtBy: { id: item.broughtByOrganisationId, name: orgName },
      basis: item.basis,
      legalBasis: item.legalBasis,
      brief,
      own,
      reason: own ? await openSealed(ctx, tx, 'case_review_item.reason', item.id, item.reasonSealed) : null,
      caseId: held.has(item.caseId) ? item.caseId : null,
      version: item.version,
    });
  }
  const own = await tx.select().from(caseReviewActions).where(eq(caseReviewActions.reviewId, row.id));
  const earlier = await tx
    .select({ a: caseReviewActions })
    .from(caseReviewActions)
    .innerJoin(caseReviews, eq(caseReviews.id, caseReviewActions.reviewId))
    .where(and(eq(caseReviews.networkId, row.networkId), lt(caseReviews.heldOn, row.heldOn), inArray(caseReviewActions.status, [...openActionStatuses])));
  const actions = await presentActions(ctx, tx, scope, own, requestId);
  const carried = await presentActions(ctx, tx, scope, earlier.map((e) => e.a), requestId);
  const eligible = (await eligibleOf(tx, row.networkId)).map(({ id, name }) => ({ id, name }));
  const out: Out = {
    ...summary!,
    participants,
    minutes: await openSealed(ctx, tx, 'case_review.minutes', row.id, row.minutesSealed),
    agenda,
    actions: actions.items,
    carriedActions: carried.items,
    eligible,
    version: row.version,
  };
  // One row per case shown, whichever part of the review showed it.
  const seen = new Set(events.map((e) => e.resourceId));
  const more = [...actions.events, ...carried.events].filter((e) => !seen.has(e.resourceId) && seen.add(e.resourceId));
  return { out, events: [...events, ...more] };
}

export async function getReview(ctx: AppContext, scope: Scope, id: string, requestId: string, audited = true): Promise<Out> {
  return onReview(ctx, scope, id, requestId, 'review.read', 'read', async (tx, access) => {
    const { out, events } = await presentReview(ctx, tx, scope, access, requestId);
    if (audited) await writeAudits(tx, events);
    return out;
  });
}

/**
 * Changes a review (its managers; If-Match): a closed review changes no
 * more. The chair stays a participant, and an organisation that brought a
 * case or owns an action cannot be removed while it does.
 */
export async function updateReview(ctx: AppContext, scope: Scope, id: string, version: number, input: ReviewPatch, requestId: string) {
  await onReview(
    ctx,
    scope,
    id,
    requestId,
    'review.update',
    'manage',
    async (tx, access) => {
      const { row } = access;
      if (row.version !== version) throw new AppError('precondition_failed');
      if (row.status === 'closed') throw invalid({ pointer: '/body', code: 'review_closed' });
      if (input.participantOrganisationIds) {
        const next = [...new Set([row.chairOrganisationId, ...input.participantOrganisationIds])];
        const issues = await checkOrganisations(tx, row.networkId, input.participantOrganisationIds, '/body/participantOrganisationIds');
        if (issues.length) throw invalid(...issues);
        const bound = [
          ...(await tx.select({ org: caseReviewItems.broughtByOrganisationId }).from(caseReviewItems).where(eq(caseReviewItems.reviewId, id))).map((r) => r.org),
          ...(await tx.select({ org: caseReviewActions.ownerOrganisationId }).from(caseReviewActions).where(eq(caseReviewActions.reviewId, id))).map((r) => r.org),
        ];
        if (bound.some((o) => !next.includes(o))) throw invalid({ pointer: '/body/participantOrganisationIds', code: 'participant_in_use' });
        await replaceParticipants(tx, id, next);
      }
      const minutes = input.minutes === undefined ? undefined : await sealForOrganisation(ctx, tx, row.chairOrganisationId, 'case_review.minutes', id, input.minutes);
      await tx
        .update(caseReviews)
        .set({
          ...(input.heldOn ? { heldOn: input.heldOn } : {}),
          ...(input.mode ? { mode: input.mode } : {}),
          ...(input.place !== undefined ? { place: input.place } : {}),
          ...(input.status ? { status: input.status } : {}),
          ...(minutes !== undefined ? { minutesSealed: minutes } : {}),
          version: row.version + 1,
          updatedAt: new Date(),
        })
        .where(eq(caseReviews.id, id));
    },
    () => ({ purpose: [input.status ? `status:${input.status}` : null, input.minutes !== undefined ? 'minutes' : null, input.participantOrganisationIds ? 'participants' : null].filter(Boolean).join(';') || null }),
  );
  return getReview(ctx, scope, id, requestId, false);
}
