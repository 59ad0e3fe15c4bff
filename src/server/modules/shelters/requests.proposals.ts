import { randomUUID } from 'node:crypto';
import { and, count, eq, exists, inArray, sql } from 'drizzle-orm';
import type { PlacementRequestOut, ProposalCreate, ProposalDecline, ProposalListOut, ProposalOut, ProposalsQuery } from '../../../shared/shelters.requests.api.js';
import { type ProposalState, proposalStates } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { HOLD_JOB } from './holds.jobs.js';
import { holdPlaces, releaseHold } from './holds.service.js';
import { actingOrganisation, invalid, networksOf, requestingOrganisation, sealNote } from './requests.common.js';
import { notifyPlacement } from './requests.notify.js';
import { type ProposalInboxRow, presentProposal, presentProposalItem, selectProposals } from './requests.present.js';
import { getRequest, onRequest } from './requests.service.js';
import { placementProposals, placementRequests, shelterStructureNetworks, shelterStructures } from './shelters.tables.js';

/**
 * Proposals: a request put to one structure (docs/shelters.md). The
 * requester sends and withdraws; the structure's staff (its owning
 * organisation) read the need, accept — holding places in one unit — or
 * decline with a coded reason. Anyone else: 404.
 */

const openStates = ['in_attesa', 'accettata'] as const;

/** SQL: the structure serves one of these networks. */
const serves = (networkIds: readonly string[]) =>
  exists(
    sql`(select 1 from ${shelterStructureNetworks} where ${shelterStructureNetworks.structureId} = ${shelterStructures.id} and ${inArray(shelterStructureNetworks.networkId, [...networkIds])})`,
  );

/**
 * Puts an `aperta` request to one structure (If-Match: the request's
 * version): active, serving one of the requester's networks (else 400 on
 * `structureId`, whether it exists or not); one open proposal at a time.
 * The request becomes `in_attesa`; the structure's staff are told.
 */
export async function propose(ctx: AppContext, scope: Scope, requestId_: string, expected: number, input: ProposalCreate, requestId: string): Promise<PlacementRequestOut> {
  await onRequest(ctx, scope, requestId_, expected, requestId, 'shelter.proposal.create', async (tx, row) => {
    if (row.state !== 'aperta') throw new AppError('placement_request_not_open');
    const networkIds = await networksOf(tx, row.requestingOrganisationId);
    const [structure] = networkIds.length
      ? await tx
          .select({ id: shelterStructures.id, organisationId: shelterStructures.organisationId })
          .from(shelterStructures)
          .where(and(eq(shelterStructures.id, input.structureId), eq(shelterStructures.active, true), serves(networkIds)))
      : [];
    if (!structure) throw invalid({ pointer: '/body/structureId', code: 'unknown_item' });
    const id = randomUUID();
    await tx.insert(placementProposals).values({ id, requestId: row.id, structureId: structure.id, sentBy: scope.principal.userId });
    await tx
      .update(placementRequests)
      .set({ state: 'in_attesa', version: row.version + 1, updatedAt: new Date() })
      .where(eq(placementRequests.id, row.id));
    await notifyPlacement(tx, 'received', { proposalId: id, requestId: row.id, code: row.code, structureOrganisationId: structure.organisationId, requesterOrganisationId: row.requestingOrganisationId }, scope.principal.userId);
    return `placement_proposal:${id}`;
  });
  return getRequest(ctx, scope, requestId_, requestId);
}

/** The requester takes an open proposal back (If-Match: the proposal's version); a hold is released; the request is `aperta` again. */
export async function withdrawProposal(ctx: AppContext, scope: Scope, proposalId: string, expected: number, requestId: string): Promise<ProposalOut> {
  const org = requestingOrganisation(scope);
  const [p] = await selectProposals(ctx.database.db, and(eq(placementProposals.id, proposalId), eq(placementRequests.requestingOrganisationId, org.id)));
  if (!p) throw resourceNotFound('placement_proposal', proposalId);
  await onRequest(ctx, scope, p.request.id, null, requestId, 'shelter.proposal.withdraw', async (tx) => {
    const [row] = await tx.select().from(placementProposals).where(eq(placementProposals.id, proposalId)).for('update');
    if (!row || !(openStates as readonly string[]).includes(row.state)) throw new AppError('proposal_not_pending');
    if (row.version !== expected) throw new AppError('precondition_failed');
    await releaseHold(tx, row.id);
    await tx
      .update(placementProposals)
      .set({ state: 'ritirata', decidedAt: new Date(), decidedBy: scope.principal.userId, version: row.version + 1 })
      .where(eq(placementProposals.id, row.id));
    await tx
      .update(placementRequests)
      .set({ state: 'aperta', version: sql`${placementRequests.version} + 1`, updatedAt: new Date() })
      .where(eq(placementRequests.id, row.requestId));
    await notifyPlacement(tx, 'withdrawn', { proposalId, requestId: row.requestId, code: p.request.code, structureOrganisationId: p.structureOrganisationId, requesterOrganisationId: org.id }, scope.principal.userId);
    return `placement_proposal:${proposalId}`;
  });
  const [after] = await selectProposals(readHandle(ctx.database.db), eq(placementProposals.id, proposalId));
  return presentProposal(ctx.database.db, after!, 'requester');
}

// --- The structure's inbox -----------------------------------------------------

/** SQL: the proposal is addressed to one of her organisation's structures. */
const toOwnStructures = (organisationId: string) => eq(shelterStructures.organisationId, organisationId);

/** Proposals to her organisation's structures, newest first, with the number in each state. */
export async function listProposals(ctx: AppContext, scope: Scope, q: ProposalsQuery, requestId: string): Promise<ProposalListOut> {
  const org = actingOrganisation(scope);
  const db = readHandle(ctx.database.db);
  const mine = toOwnStructures(org.id);
  const rows = await selectProposals(db, and(mine, q.state ? eq(placementProposals.state, q.state) : undefined))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const byState = await db
    .select({ state: placementProposals.state, n: count() })
    .from(placementProposals)
    .innerJoin(shelterStructures, eq(shelterStructures.id, placementProposals.structureId))
    .where(mine)
    .groupBy(placementProposals.state);
  const counts = Object.fromEntries(proposalStates.map((s) => [s, 0])) as Record<ProposalState, number>;
  for (const c of byState) counts[c.state] = c.n;
  const items = rows.map(presentProposalItem);
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.proposal.list'), purpose: `page ${q.page}: ${items.length} proposals` });
  return { items, total: q.state ? counts[q.state] : byState.reduce((n, c) => n + c.n, 0), counts };
}

/** A proposal to one of her organisation's structures (null: not hers). */
async function ownProposal(db: DbOrTx, scope: Scope, id: string): Promise<ProposalInboxRow | null> {
  const org = scope.principal.organisation;
  if (!org || scope.principal.isInstanceAdmin) return null;
  const [p] = await selectProposals(db, and(eq(placementProposals.id, id), toOwnStructures(org.id)));
  return p ?? null;
}

/** One proposal as the structure's staff read it (audited): the need and the requester's name, never the case. */
export async function getProposal(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<ProposalOut> {
  const db = readHandle(ctx.database.db);
  const p = await ownProposal(db, scope, id);
  if (!p) throw resourceNotFound('placement_proposal', id);
  const out = await presentProposal(db, p, 'structure');
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.proposal.read', { type: 'placement_proposal', id }), purpose: `placement_request:${p.request.id}` });
  return out;
}

/**
 * Runs the structure's answer on a pending proposal: one transaction, the
 * proposal and its request locked, 404 if not hers, 409 if answered, 412 on
 * a stale version, then the work and its audit row.
 */
async function answer(
  ctx: AppContext,
  scope: Scope,
  id: string,
  expected: number,
  requestId: string,
  action: 'shelter.proposal.accept' | 'shelter.proposal.decline',
  work: (tx: Tx, p: ProposalInboxRow) => Promise<string>,
): Promise<void> {
  actingOrganisation(scope);
  await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const p = await ownProposal(tx, scope, id);
      if (!p) throw resourceNotFound('placement_proposal', id);
      // Lock the request first, then the proposal: every writer of both takes them in this order.
      await tx.select({ id: placementRequests.id }).from(placementRequests).where(eq(placementRequests.id, p.request.id)).for('update');
      const [row] = await tx.select().from(placementProposals).where(eq(placementProposals.id, id)).for('update');
      if (!row || row.state !== 'in_attesa') throw new AppError('proposal_not_pending');
      if (row.version !== expected) throw new AppError('precondition_failed');
      const purpose = await work(tx, { ...p, row });
      await writeAudit(tx, { ...actedBy(scope, requestId, action, { type: 'placement_proposal', id }), purpose });
    },
    () => new AppError('conflict'),
  );
}

/**
 * Accepts: holds adults + children places in one unit until now +
 * SHELTER_HOLD_MINUTES, or 409 `placement_no_place` with nothing held. The
 * request becomes `accettata`; the hold's expiry is enqueued (the sweep is
 * the safety net). With an Idempotency-Key, a retry answers the proposal.
 */
export async function acceptProposal(ctx: AppContext, scope: Scope, id: string, expected: number, requestId: string, claim: IdempotencyClaim | null = null): Promise<ProposalOut> {
  if (claim && (await earlierResult(ctx.database.db, claim))) return getProposal(ctx, scope, id, requestId);
  const holdExpiresAt = new Date(Date.now() + ctx.config.shelterHoldMinutes * 60_000);
  await answer(ctx, scope, id, expected, requestId, 'shelter.proposal.accept', async (tx, p) => {
    const n = p.request.adults + p.request.children.length;
    const unitId = await holdPlaces(tx, p.row.structureId, id, n, p.request.wheelchair);
    if (!unitId) throw new AppError('placement_no_place');
    const now = new Date();
    await tx.update(placementProposals).set({ state: 'accettata', decidedAt: now, decidedBy: scope.principal.userId, holdExpiresAt, version: p.row.version + 1 }).where(eq(placementProposals.id, id));
    await tx
      .update(placementRequests)
      .set({ state: 'accettata', version: sql`${placementRequests.version} + 1`, updatedAt: now })
      .where(eq(placementRequests.id, p.request.id));
    await notifyPlacement(tx, 'accepted', { proposalId: id, requestId: p.request.id, code: p.request.code, structureOrganisationId: p.structureOrganisationId, requesterOrganisationId: p.request.requestingOrganisationId }, scope.principal.userId);
    if (claim) await recordResult(tx, claim, id);
    return `unit:${unitId}`;
  });
  await ctx.jobs.enqueue(HOLD_JOB, { proposalId: id }, { at: holdExpiresAt, key: `hold:${id}` });
  return getProposal(ctx, scope, id, requestId);
}

/** Declines with a coded reason and an optional note (sealed with the request's key): the request is `aperta` again. */
export async function declineProposal(ctx: AppContext, scope: Scope, id: string, expected: number, input: ProposalDecline, requestId: string): Promise<ProposalOut> {
  await answer(ctx, scope, id, expected, requestId, 'shelter.proposal.decline', async (tx, p) => {
    const now = new Date();
    const note = await sealNote(ctx, tx, { organisationId: p.request.requestingOrganisationId, caseId: p.request.caseId }, 'decline', id, input.note);
    await tx
      .update(placementProposals)
      .set({ state: 'rifiutata', declineReason: input.reason, declineNoteSealed: note, decidedAt: now, decidedBy: scope.principal.userId, version: p.row.version + 1 })
      .where(eq(placementProposals.id, id));
    await tx
      .update(placementRequests)
      .set({ state: 'aperta', version: sql`${placementRequests.version} + 1`, updatedAt: now })
      .where(eq(placementRequests.id, p.request.id));
    await notifyPlacement(tx, 'declined', { proposalId: id, requestId: p.request.id, code: p.request.code, structureOrganisationId: p.structureOrganisationId, requesterOrganisationId: p.request.requestingOrganisationId }, scope.principal.userId, { reason: input.reason });
    return input.reason;
  });
  return getProposal(ctx, scope, id, requestId);
}
