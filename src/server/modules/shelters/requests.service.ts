import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type {
  PlacementRequestClose,
  PlacementRequestCreate,
  PlacementRequestListOut,
  PlacementRequestOut,
  PlacementRequestUpdate,
  PlacementRequestsQuery,
} from '../../../shared/shelters.requests.api.js';
import { type PlacementRequestState, placementRequestStates } from '../../../shared/shelters.js';
import type { Scope } from '../../access/scope.js';
import { resourceNotFound } from '../../audit/audit.denied.js';
import { actedBy, writeAudit, writeAuditAlone } from '../../audit/audit.writer.js';
import type { AppContext } from '../../context.js';
import { type DbOrTx, type Tx, readHandle, writeTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { type IdempotencyClaim, earlierResult, recordResult } from '../../platform/idempotency.js';
import { onCase } from '../cases/index.js';
import { riskAssessments } from '../risk/index.js';
import { releaseHold } from './holds.service.js';
import { invalid, isSocialServiceOf, networksOf, recidivismOf, requestCode, requestingOrganisation, sealNote } from './requests.common.js';
import { type RequestRow, presentRequest, presentSummary, proposalsOf, selectRequests } from './requests.present.js';
import { areaOfComune } from './shelters.geo.js';
import { placementProposals, placementRequests } from './shelters.tables.js';

/**
 * Placement requests, the requesting organisation's side (docs/shelters.md,
 * "Placement requests and matching"). A request is its organisation's: any
 * of its staff who may request placements reads and acts on it; anyone else
 * gets 404 (audited as denied). Callable from a seed: (ctx, scope, …).
 */

/** The area to avoid, from a comune the reader gave: a province and a rounded centre, the comune itself dropped here. */
async function avoidArea(db: DbOrTx, comune: string | null | undefined) {
  if (comune === undefined) return undefined;
  if (comune === null) return { avoidProvinceCode: null, avoidLat: null, avoidLon: null };
  const area = await areaOfComune(db, comune);
  if (!area) throw invalid({ pointer: '/body/avoidComune', code: 'unknown_comune' });
  return { avoidProvinceCode: area.provinceCode, avoidLat: area.lat, avoidLon: area.lon };
}

async function checkSocialService(db: DbOrTx, organisationId: string, id: string | null | undefined) {
  if (!id) return;
  if (!(await isSocialServiceOf(db, id, await networksOf(db, organisationId)))) throw invalid({ pointer: '/body/socialServiceId', code: 'unknown_organisation' });
}

/** `rischio_recidiva` from the case's latest assessment, when the requester did not give it. */
async function prefillCriteria(tx: Tx, caseId: string | null, criteria: PlacementRequestCreate['criteria']) {
  if (!caseId || criteria.rischio_recidiva) return criteria;
  const [latest] = await tx
    .select({ level: riskAssessments.finalLevel })
    .from(riskAssessments)
    .where(eq(riskAssessments.caseId, caseId))
    .orderBy(desc(riskAssessments.assessedOn), desc(riskAssessments.createdAt))
    .limit(1);
  const level = recidivismOf(latest?.level);
  return level ? { ...criteria, rischio_recidiva: level } : criteria;
}

/**
 * Creates a request. With `caseId`, through the case's choke point: a case
 * of her organisation she may act on as its owner (else 404, audited on the
 * case). A retry with the same Idempotency-Key and body answers the request
 * the first one made; another body, 422.
 */
export async function createRequest(ctx: AppContext, scope: Scope, input: PlacementRequestCreate, requestId: string, claim: IdempotencyClaim | null = null): Promise<PlacementRequestOut> {
  const org = requestingOrganisation(scope);
  const earlier = claim ? await earlierResult(ctx.database.db, claim) : null;
  if (earlier) return getRequest(ctx, scope, earlier, requestId);
  const db = ctx.database.db;
  const area = await avoidArea(db, input.avoidComune);
  await checkSocialService(db, org.id, input.socialServiceId);
  const id = randomUUID();
  const work = async (tx: Tx, caseId: string | null) => {
    await tx.insert(placementRequests).values({
      id,
      code: requestCode(),
      requestingOrganisationId: org.id,
      requestedBy: scope.principal.userId,
      caseId,
      socialServiceId: input.socialServiceId ?? null,
      urgency: input.urgency,
      level: input.level,
      adults: input.adults,
      children: input.children,
      wheelchair: input.wheelchair,
      pets: input.pets,
      languages: input.languages,
      ...(area ?? {}),
      minDistanceKm: input.minDistanceKm,
      criteria: await prefillCriteria(tx, caseId, input.criteria),
      noteSealed: await sealNote(ctx, tx, { organisationId: org.id, caseId }, 'request', id, input.note),
    });
    if (claim) await recordResult(tx, claim, id);
  };
  if (input.caseId) {
    const caseId = input.caseId;
    await onCase(ctx, scope, caseId, requestId, 'shelter.request.create', 'owner', (tx) => work(tx, caseId), () => `placement_request:${id}`);
  } else {
    await writeTransaction(
      db,
      async (tx) => {
        await work(tx, null);
        await writeAudit(tx, actedBy(scope, requestId, 'shelter.request.create', { type: 'placement_request', id }));
      },
      () => new AppError('conflict'),
    );
  }
  return getRequest(ctx, scope, id, requestId);
}

/** Her organisation's requests, newest first, with the number in each state. */
export async function listRequests(ctx: AppContext, scope: Scope, q: PlacementRequestsQuery, requestId: string): Promise<PlacementRequestListOut> {
  const org = requestingOrganisation(scope);
  const db = readHandle(ctx.database.db);
  const mine = eq(placementRequests.requestingOrganisationId, org.id);
  const rows = await selectRequests(db, and(mine, q.state ? eq(placementRequests.state, q.state) : undefined))
    .orderBy(desc(placementRequests.createdAt), desc(placementRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const byState = await db.select({ state: placementRequests.state, n: count() }).from(placementRequests).where(mine).groupBy(placementRequests.state);
  const counts = Object.fromEntries(placementRequestStates.map((s) => [s, 0])) as Record<PlacementRequestState, number>;
  for (const c of byState) counts[c.state] = c.n;
  const proposals = await proposalsOf(db, rows.map((r) => r.row.id));
  const items = rows.map((r) => presentSummary(r, proposals));
  await writeAuditAlone(ctx.database.db, { ...actedBy(scope, requestId, 'shelter.request.list'), purpose: `page ${q.page}: ${items.length} requests` });
  return { items, total: q.state ? counts[q.state] : byState.reduce((n, c) => n + c.n, 0), counts };
}

/** The request if it is her organisation's (else null). */
export async function ownRequest(db: DbOrTx, scope: Scope, id: string) {
  const org = scope.principal.organisation;
  if (!org || scope.principal.isInstanceAdmin) return null;
  const [r] = await selectRequests(db, and(eq(placementRequests.id, id), eq(placementRequests.requestingOrganisationId, org.id)));
  return r ?? null;
}

/** One request, for its requesting organisation (audited); anyone else 404, audited as denied. */
export async function getRequest(ctx: AppContext, scope: Scope, id: string, requestId: string): Promise<PlacementRequestOut> {
  const db = readHandle(ctx.database.db);
  const r = await ownRequest(db, scope, id);
  if (!r) throw resourceNotFound('placement_request', id);
  const out = await presentRequest(ctx, db, r);
  await writeAuditAlone(ctx.database.db, actedBy(scope, requestId, 'shelter.request.read', { type: 'placement_request', id }));
  return out;
}

/**
 * Runs a change on her organisation's request: one transaction, the row
 * locked, 404 if not hers (audited as denied), 412 on a stale version,
 * then the work and its audit row.
 */
export async function onRequest(
  ctx: AppContext,
  scope: Scope,
  id: string,
  expected: number | null,
  requestId: string,
  action: 'shelter.request.update' | 'shelter.request.close' | 'shelter.proposal.create' | 'shelter.proposal.withdraw',
  work: (tx: Tx, row: RequestRow) => Promise<string | null>,
): Promise<void> {
  const org = requestingOrganisation(scope);
  await writeTransaction(
    ctx.database.db,
    async (tx) => {
      const [row] = await tx
        .select()
        .from(placementRequests)
        .where(and(eq(placementRequests.id, id), eq(placementRequests.requestingOrganisationId, org.id)))
        .for('update');
      if (!row) throw resourceNotFound('placement_request', id);
      if (expected !== null && row.version !== expected) throw new AppError('precondition_failed');
      const purpose = await work(tx, row);
      await writeAudit(tx, { ...actedBy(scope, requestId, action, { type: 'placement_request', id }), purpose });
    },
    () => new AppError('conflict'),
  );
}

/** Edits the need while the request is `aperta` (If-Match). */
export async function updateRequest(ctx: AppContext, scope: Scope, id: string, expected: number, input: PlacementRequestUpdate, requestId: string): Promise<PlacementRequestOut> {
  await onRequest(ctx, scope, id, expected, requestId, 'shelter.request.update', async (tx, row) => {
    if (row.state !== 'aperta') throw new AppError('placement_request_not_open');
    const area = await avoidArea(tx, input.avoidComune);
    if (input.socialServiceId !== undefined) await checkSocialService(tx, row.requestingOrganisationId, input.socialServiceId);
    await tx
      .update(placementRequests)
      .set({
        urgency: input.urgency,
        level: input.level,
        adults: input.adults,
        children: input.children,
        wheelchair: input.wheelchair,
        pets: input.pets,
        languages: input.languages,
        ...(area ?? {}),
        minDistanceKm: input.minDistanceKm,
        criteria: input.criteria,
        ...(input.socialServiceId !== undefined ? { socialServiceId: input.socialServiceId } : {}),
        ...(input.note !== undefined ? { noteSealed: await sealNote(ctx, tx, { organisationId: row.requestingOrganisationId, caseId: row.caseId }, 'request', id, input.note) } : {}),
        version: row.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(placementRequests.id, id));
    return null;
  });
  return getRequest(ctx, scope, id, requestId);
}

/**
 * Withdraws (`ritirata`) or closes unmet (`non_soddisfatta`) a request not
 * yet admitted: its open proposal is withdrawn and the places it held freed.
 */
export async function closeRequest(ctx: AppContext, scope: Scope, id: string, expected: number, input: PlacementRequestClose, requestId: string): Promise<PlacementRequestOut> {
  await onRequest(ctx, scope, id, expected, requestId, 'shelter.request.close', async (tx, row) => {
    if (row.state === 'chiusa' || row.state === 'ammessa') throw new AppError('placement_request_not_open');
    const [open] = await tx
      .select({ id: placementProposals.id })
      .from(placementProposals)
      .where(and(eq(placementProposals.requestId, id), sql`${placementProposals.state} in ('in_attesa', 'accettata')`))
      .for('update');
    if (open) {
      await releaseHold(tx, open.id);
      await tx
        .update(placementProposals)
        .set({ state: 'ritirata', decidedAt: new Date(), decidedBy: scope.principal.userId, version: sql`${placementProposals.version} + 1` })
        .where(eq(placementProposals.id, open.id));
    }
    const now = new Date();
    await tx
      .update(placementRequests)
      .set({ state: 'chiusa', closedReason: input.reason, closedAt: now, updatedAt: now, version: row.version + 1 })
      .where(eq(placementRequests.id, id));
    return input.reason;
  });
  return getRequest(ctx, scope, id, requestId);
}
